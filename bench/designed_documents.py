"""The five designed documents of the structure benchmark (ground truth: bench/structure/<id>.json).

Every paragraph's wording is fixed here, so the hand-written sample paragraphs in the ground truth stay
valid; `body(n)` gives the n-th stock paragraph of ordinary report prose.
"""

from __future__ import annotations

from pathlib import Path

from bench.structure_designs import DESIGNS, MARGIN, WIDTH, Designer, _vera, design

__all__ = ["DESIGNS"]

STOCK = [
    "We will work with partners across the system to make sure that people get the right care in the right "
    "place, first time. This means joining up services that are currently run separately and sharing "
    "information so that nobody has to tell their story twice.",
    "Over the next five years we will invest in community teams, digital tools and the skills of our staff. "
    "We will measure our progress every quarter and publish what we find, including where we have fallen short.",
    "Local people told us that waiting times, travel and continuity of care matter most to them. Their views "
    "have shaped every commitment in this document and will continue to guide how we deliver it.",
    "Our workforce is our greatest asset. We will recruit and retain staff by offering flexible working, "
    "clear career pathways and a culture in which everyone feels valued and able to speak up.",
    "Health inequalities remain wide in our area: life expectancy differs by nine years between the most and "
    "least deprived neighbourhoods. We will target resources where need is greatest.",
    "We will publish an annual report on progress against each commitment, setting out what has been "
    "delivered, what has changed and what we will do differently in the following year.",
]


def body(n: int) -> str:
    return STOCK[n % len(STOCK)]


@design("nhs-strategy")
def nhs_strategy(path: Path) -> None:
    """A trust strategy: cover, contents page with an introduction on the same page, lead paragraph, pull
    quotes, five "Commitment ..." chapters with decorative numbers, case-study boxes and a stat callout."""
    d = Designer(path, "Northtown Hospitals NHS Trust | Our strategy 2025 to 2030", first_printed=1)
    d.canvas.setFont("Helvetica-Bold", 34)
    d.canvas.drawString(MARGIN, 520, "Our strategy")
    d.canvas.drawString(MARGIN, 480, "2025 to 2030")
    d.canvas.setFont("Helvetica", 14)
    d.canvas.drawString(MARGIN, 440, "Northtown Hospitals NHS Trust")
    d.new_page()
    d.start_decorating()
    d.heading("Contents", 22)
    commitments = ["one: Care closer to home", "two: Faster diagnosis and treatment", "three: A great place to work",
                   "four: Fairer health for everyone", "five: Digital by default"]
    d.contents([("Foreword", 3)] + [(f"Commitment {c}", 4 + i) for i, c in enumerate(commitments)])
    d.heading("About this document", 14)
    d.text("This strategy sets out what Northtown Hospitals NHS Trust will achieve by 2030 and how. It was "
           "agreed by the trust board in March 2025 after six months of engagement with patients and staff.")
    d.new_page()
    d.heading("Foreword", 24)
    d.text("Our hospitals have served Northtown for more than a century. This strategy describes how we will "
           "change over the next five years so that care is safer, kinder and closer to home for everyone.",
           "Helvetica", 15, after=12)
    d.text(body(0))
    d.pull_quote("“When my mum came home from hospital the district nurses already knew everything about her "
                 "and we did not have to explain it all again. That made such a difference to us as a family, "
                 "and it meant she could stay in her own home for the time she had left with the people she "
                 "loved around her every single day.”", "Carer, Northtown")
    d.text(body(1))
    d.text(body(2))
    for i, title in enumerate(commitments):
        d.new_page()
        d.canvas.setFont("Helvetica-Bold", 48)
        d.canvas.drawString(MARGIN, d.y - 40, f"0{i + 1}")
        d.y -= 56
        d.heading(f"Commitment {title}", 22)
        d.text(body(i + 3))
        d.heading("What we will do", 13)
        d.text(body(i + 4))
        if i % 2 == 0:
            d.box(f"Case study: {['Virtual wards', 'One-stop clinics', 'Community hubs'][i // 2]} in Northtown",
                  [body(i + 1), "Since the change, fewer people have been readmitted within 30 days and "
                   "patients rate the service highly."])
        else:
            d.canvas.setFont("Helvetica-Bold", 30)
            d.canvas.drawString(MARGIN, d.y - 34, "£4.5m")
            d.y -= 44
            d.text("invested in new services in 2025/26", "Helvetica", 9)
        d.heading("How we will measure progress", 13)
        d.text(body(i + 5))
    d.save()


@design("two-column-paper")
def two_column_paper(path: Path) -> None:
    """An academic paper in two columns: numbered sections, a chart with axis labels, a caption, ligature
    glyphs (Vera font) and a line set in a font whose encoding makes it unreadable."""
    font = _vera()
    d = Designer(path, "Journal of Health Services Research 12 (2025)", first_printed=101)
    d.start_decorating()
    d.canvas.setFont("VeraBd", 16)
    d.canvas.drawCentredString(WIDTH / 2, 760, "Waiting times after a community diagnostic hub opens")
    d.canvas.setFont(font, 9)
    d.canvas.drawCentredString(WIDTH / 2, 742, "A. Patel, B. Jones and C. Okafor")
    d.two_columns(top=720)
    paragraphs = {
        "Abstract": ["We measured the effect of opening a community diagnostic hub on waiting times for "
                     "imaging. Waits fell signiﬁcantly within six months and the workﬂow of referring "
                     "practices was simpler."],
        "1 Introduction": [body(0), "Diagnostic waits have grown since 2019, and the ﬁrst hubs opened in "
                           "2021 to separate planned tests from emergency work in acute hospitals.", body(4)],
        "2 Methods": [body(1), body(3)],
        "2.1 Data": ["We used monthly waiting list extracts for 36 months, covering every referral for "
                     "CT, MRI and ultrasound from the 42 practices in the study area.", body(2)],
        "2.2 Analysis": ["An interrupted time series compared the level and trend of median waits before "
                         "and after the hub opened, adjusting for season and referral volume.", body(5)],
        "3 Results": ["Median waits fell from 38 to 17 days. The fall was largest for ultrasound and "
                      "smallest for MRI, where scanner capacity was the main constraint.", body(3)],
        "4 Discussion": [body(4), "Hubs are not a substitute for capacity, but they make the existing "
                         "capacity easier to use and protect planned work from emergency pressure.", body(1)],
        "4.1 Limitations": [body(2), "The study covered one area and one hub; areas with fewer scanners or "
                            "longer travel distances may see smaller gains from the same change.", body(0)],
        "5 Conclusion": [body(5), body(1), body(3)],
        "References": ["1. NHS England. Diagnostics: recovery and renewal. London, 2020.",
                       "2. Richards M. Independent review of diagnostic services for NHS England, 2020."],
    }
    for title, texts in paragraphs.items():
        d.heading(title, 10.5, "VeraBd")
        for text in texts:
            d.text(text, font, 9, after=5)
        if title == "3 Results":
            d.chart("Figure 1: Median wait in days by month since opening", ["0", "5", "10", "15", "20"])
            d.text("2EV<RXSXWW#3O\\QQLQJ#IRU#WKH#IXWXUH#RI#SULPDU\\#FDUH", font, 9)
    d.save()


@design("icb-plan")
def icb_plan(path: Path) -> None:
    """A joint forward plan: numbered chapters and paragraphs, a "Key facts" sidebar beside the text, a
    table, an annex, and "Page N" footers."""
    d = Designer(path, "NHS Northshire Integrated Care Board | Joint forward plan 2025/26", first_printed=1)
    d.start_decorating()
    d.heading("Joint forward plan 2025/26", 26)
    d.text("NHS Northshire Integrated Care Board", "Helvetica", 13, after=20)
    chapters = {
        "1. Introduction": ["About this plan", "Who we are"],
        "2. Our priorities": ["Urgent and emergency care", "Mental health"],
        "3. Delivering the plan": ["Workforce", "Finance"],
    }
    para = 0
    for c, (chapter, subs) in enumerate(chapters.items(), start=1):
        if c > 1:
            d.new_page()
        d.heading(chapter, 18)
        for s, sub in enumerate(subs):
            d.heading(sub, 12.5)
            for n in range(2):
                para += 1
                d.width = 330 if (c == 1 and s == 0) else WIDTH - 2 * MARGIN
                d.text(f"{c}.{s * 2 + n + 1} {body(para)}")
            if c == 1 and s == 0:
                top = d.y + 160
                d.canvas.setFillColorRGB(0.85, 0.92, 0.97)
                d.canvas.rect(400, top - 150, 140, 150, stroke=0, fill=1)
                d.canvas.setFillColorRGB(0, 0, 0)
                d.canvas.setFont("Helvetica-Bold", 11)
                d.canvas.drawString(408, top - 18, "Key facts")
                d.canvas.setFont("Helvetica", 8.5)
                for i, fact in enumerate(["1.2 million residents", "180 GP practices", "4 acute trusts",
                                          "£3.1bn budget in 2025/26"]):
                    d.canvas.drawString(408, top - 36 - i * 14, fact)
            if c == 3 and s == 1:
                d.table([["Programme", "2024/25", "2025/26"], ["Community services", "£210m", "£226m"],
                         ["Mental health", "£305m", "£331m"], ["Primary care", "£190m", "£198m"]], [200, 90, 90])
    d.new_page()
    d.heading("Annex A: Glossary", 18)
    d.text("ICB: integrated care board, the NHS body that plans and buys health services for the population of "
           "Northshire and is accountable for their quality and cost.")
    d.save()


@design("annual-report")
def annual_report(path: Path) -> None:
    """An annual report in two columns with headings inside the columns, a pull quote and a
    lead paragraph across the page, and a running header."""
    d = Designer(path, "Northtown Community Health Services | Annual report 2024/25", first_printed=2)
    d.start_decorating()
    d.heading("Annual report 2024/25", 28)
    d.text("This has been a year of recovery and renewal for our services, our staff and the communities we "
           "serve, and this report sets out what we achieved together.", "Helvetica", 14, after=14)
    d.two_columns(top=d.y)
    sections = ["Chief executive's review", "Our year in numbers", "Quality and safety", "Our people",
                "Working with partners", "Estates and environment", "Research and innovation",
                "Finance review", "Looking ahead"]
    for i, title in enumerate(sections):
        d.heading(title, 13)
        d.text(body(i))
        d.text(body(i + 2))
        if i == 2:
            d.pull_quote("“The team treated me as a person, not a diagnosis, and I felt listened to at every "
                         "appointment over those long months of treatment.”", "Patient, Northtown")
    d.save()


@design("place-plan")
def place_plan(path: Path) -> None:
    """A place-based plan: "Part" and "Chapter N:" headings, figure captions and a table."""
    d = Designer(path, "Westbury Place Partnership | Health and care plan", first_printed=1)
    d.canvas.setFont("Helvetica-Bold", 30)
    d.canvas.drawString(MARGIN, 500, "Westbury health and care plan")
    d.new_page()
    d.start_decorating()
    parts = {"Part A: Where we are now": ["Chapter 1: Our population", "Chapter 2: Our services"],
             "Part B: Where we want to be": ["Chapter 3: Our ambitions", "Chapter 4: Making it happen"]}
    n = 0
    for part, chapters in parts.items():
        d.heading(part, 24)
        for chapter in chapters:
            d.heading(chapter, 17)
            d.text(body(n))
            d.heading("Key points", 12)
            d.text(body(n + 1))
            n += 1
            if n == 2:
                d.chart("Figure 2: Emergency admissions per 1,000 people, 2019 to 2024",
                        ["2019", "2020", "2021", "2022", "2023", "2024"])
            if n == 3:
                d.table([["Ambition", "By", "Lead"], ["Same-day access", "2026", "Primary care"],
                         ["Fewer falls", "2027", "Community"]], [220, 80, 120])
        if part.startswith("Part A"):
            d.new_page()
    d.save()
