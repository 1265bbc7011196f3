// NHS.UK frontend components (header menu, details, skip link) on every page.
import { initAll } from "/assets/nhsuk-frontend.min.js";

initAll();
