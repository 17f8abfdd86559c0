"""Write fixtures/demo/samcoach-deltagare.csv: invented SamCoach participants 2024–2025.

The file is in the import format (UTF-8 with BOM, semicolons, CRLF) and is loaded by the demo
through the same import as the upload page. People come in groups of five with the same
profile (end reason, income source before and after, gender, age band), so every count the
statistics show is a multiple of five and nothing in the demo is suppressed.

    .venv/bin/python scripts/make_demo_participants.py
"""

import csv
import datetime
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "fixtures" / "demo" / "samcoach-deltagare.csv"
HEADERS = [
    "kod",
    "kön",
    "födelseår",
    "insats",
    "inskriven",
    "avslutad",
    "avslutsorsak",
    "försörjning_före",
    "försörjning_efter",
]
AGES = {"16–29": 23, "30–49": 38, "50–64": 55}

# (started, ended, end reason, income before, income after, gender, age band): five people each.
PROFILES = [
    # Ended in 2024.
    ("2023-09", "2024-03", "arbete", "sjukpenning", "lon", "K", "30–49"),
    ("2023-10", "2024-05", "arbete", "forsorjningsstod", "lon", "M", "16–29"),
    ("2024-01", "2024-09", "arbete_med_stod", "aktivitetsstod", "lon_med_stod", "M", "30–49"),
    ("2023-11", "2024-06", "studier", "forsorjningsstod", "studiemedel", "K", "16–29"),
    ("2024-02", "2024-10", "arbetssokande", "sjukersattning", "aktivitetsstod", "K", "50–64"),
    ("2024-03", "2024-11", "arbetssokande", "forsorjningsstod", "a_kassa", "M", "16–29"),
    ("2023-08", "2024-04", "ordinarie_insats", "sjukpenning", "sjukpenning", "K", "30–49"),
    ("2024-01", "2024-08", "ordinarie_insats", "forsorjningsstod", "forsorjningsstod", "M", "30–49"),
    ("2023-12", "2024-07", "ohalsa", "aktivitetsersattning", "aktivitetsersattning", "K", "50–64"),
    ("2024-04", "2024-12", "avbrott", "forsorjningsstod", "forsorjningsstod", "M", "16–29"),
    # Enrolled in 2024, ended in 2025.
    ("2024-05", "2025-02", "arbete", "aktivitetsersattning", "lon", "K", "16–29"),
    ("2024-06", "2025-03", "arbete", "a_kassa", "lon", "M", "30–49"),
    ("2024-08", "2025-04", "studier", "forsorjningsstod", "studiemedel", "M", "16–29"),
    ("2024-09", "2025-05", "arbetssokande", "sjukpenning", "aktivitetsstod", "K", "30–49"),
    ("2024-10", "2025-06", "ordinarie_insats", "sjukersattning", "sjukersattning", "K", "50–64"),
    ("2024-11", "2025-03", "ohalsa", "sjukpenning", "sjukpenning", "M", "50–64"),
    # Enrolled and ended in 2025.
    ("2025-01", "2025-09", "arbete_med_stod", "forsorjningsstod", "lon_med_stod", "K", "30–49"),
    ("2025-02", "2025-10", "arbetssokande", "forsorjningsstod", "a_kassa", "X", "16–29"),
    ("2025-02", "2025-11", "ordinarie_insats", "aktivitetsstod", "aktivitetsstod", "M", "30–49"),
    ("2025-03", "2025-10", "avbrott", "ingen", "ingen", "K", "16–29"),
    ("2025-04", "2025-12", "annat", "forsorjningsstod", "forsorjningsstod", "M", "50–64"),
    # Still enrolled at the end of 2025.
    ("2025-05", "", "", "forsorjningsstod", "", "K", "16–29"),
    ("2025-06", "", "", "sjukpenning", "", "M", "30–49"),
    ("2025-08", "", "", "aktivitetsersattning", "", "K", "16–29"),
    ("2025-09", "", "", "a_kassa", "", "M", "50–64"),
    ("2025-10", "", "", "forsorjningsstod", "", "K", "30–49"),
    ("2025-11", "", "", "sjukersattning", "", "M", "30–49"),
]


def day(month: str, person: int) -> str:
    year, number = (int(part) for part in month.split("-"))
    return datetime.date(year, number, 3 + 5 * person).isoformat()


def main() -> None:
    rows = []
    number = 0
    for started, ended, reason, before, after, gender, band in PROFILES:
        start_year = int(started[:4])
        for person in range(5):
            number += 1
            rows.append(
                [
                    f"SC-{number:04d}",
                    gender,
                    start_year - AGES[band] + (person % 3) - 1,
                    "samcoach",
                    day(started, person),
                    day(ended, person) if ended else "",
                    reason,
                    before,
                    after,
                ]
            )
    with OUTPUT.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADERS)
        writer.writerows(rows)
    print(f"{OUTPUT}: {len(rows)} enrolments")


if __name__ == "__main__":
    main()
