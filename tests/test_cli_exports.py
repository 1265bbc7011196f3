"""Every `ltp` command that writes an export treats a file it cannot write as the user's to fix: exit 2 and a
sentence, never a traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from assistant.cli import cli


@pytest.mark.parametrize("args", [
    ["timeline", "--format", "csv"],
    ["checklist", "framework/9-next-steps"],
    ["review", "{plan}", "--against", "framework/9-next-steps"],
])
def test_export_to_a_missing_folder_is_exit_2(indexed, tmp_path, args):
    plan = tmp_path / "plan.md"
    plan.write_text("# Timetable\n\nWe will send NHS England our draft system plan by mid-September 2019.\n")
    target = tmp_path / "no" / "such" / "export.md"
    result = CliRunner().invoke(cli, [a.format(plan=plan) for a in args] + ["-o", str(target)], obj=indexed)
    assert result.exit_code == 2, result.output
    assert f"could not write {target}" in result.output and "check the folder exists" in result.output
    assert not target.exists()
