#!/usr/bin/env python3
"""Generates a benchmark corpus of news-like articles in English and Indonesian.

    python3 benches/generate.py OUT_DIR --bytes 10000000     # a folder of ~5 KB articles
    python3 benches/generate.py OUT_DIR --one                 # a single ~5 KB article

The articles are built from sentence templates written for this benchmark, filled with places
(most placed correctly, a few misplaced), dates with weekdays, figures and names, so that every
rule has work to do. The output is deterministic for a given --seed.
"""
import argparse, datetime, os, random

CITIES = [  # (city, region in English, region in Indonesian, country)
    ("Shenzhen", "Guangdong", "Guangdong", "China"), ("Bandung", "West Java", "Jawa Barat", "Indonesia"),
    ("Surabaya", "East Java", "Jawa Timur", "Indonesia"), ("Medan", "North Sumatra", "Sumatera Utara", "Indonesia"),
    ("Makassar", "South Sulawesi", "Sulawesi Selatan", "Indonesia"), ("Houston", "Texas", "Texas", "United States"),
    ("Chengdu", "Sichuan", "Sichuan", "China"), ("Osaka", "Osaka", "Osaka", "Japan"),
    ("Durban", "KwaZulu-Natal", "KwaZulu-Natal", "South Africa"), ("Munich", "Bavaria", "Bavaria", "Germany"),
    ("Semarang", "Central Java", "Jawa Tengah", "Indonesia"), ("Denpasar", "Bali", "Bali", "Indonesia"),
]
PEOPLE = ["Siti Rahmawati", "Budi Hartono", "Maria Lopez", "James Carter", "Dewi Lestari", "Ahmad Fauzi"]
ORGS = ["the trade ministry", "the central bank", "the port authority", "the city council", "the chamber of commerce"]
ORGS_ID = ["kementerian perdagangan", "bank sentral", "otoritas pelabuhan", "dewan kota", "kamar dagang"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
MONTHS_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"]
DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DAYS_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]

EN = [
    "Officials in {city}, {region}, said the new terminal would open next year.",
    "The company reported revenue of {num} million dollars, up {pct} percent from a year earlier.",
    "{person}, a spokesperson for {org}, said talks would resume on {day}, {month} {dom}, {year}.",
    "Traders in {city} said prices had risen sharply since the start of the season.",
    "Delegates from {city}, {city2} and {city3} attended the forum.",
    "\"We expect demand to keep growing,\" {person} told reporters in {city}.",
    "The project, which employs about {num} workers, is the largest of its kind in {country}.",
    "Analysts said the figures for {month} were better than expected.",
    "Local media in {city}, {region}, reported heavy rain over the weekend.",
    "The agreement was signed in {city} on {day}, {month} {dom}, {year}, after months of negotiation.",
]
ID = [
    "Pejabat di {city}, {region_id}, mengatakan terminal baru akan dibuka tahun depan.",
    "Perusahaan itu membukukan pendapatan Rp{num} miliar, naik {pct} persen dari tahun sebelumnya.",
    "{person}, juru bicara {org_id}, mengatakan perundingan akan dilanjutkan pada {day_id}, {dom} {month_id} {year}.",
    "Pedagang di {city} mengatakan harga naik tajam sejak awal musim.",
    "Delegasi dari {city}, {city2}, dan {city3} menghadiri forum tersebut.",
    "\"Kami memperkirakan permintaan terus tumbuh,\" kata {person} kepada wartawan di {city}.",
    "Proyek yang mempekerjakan sekitar {num} pekerja itu adalah yang terbesar di {country}.",
    "Analis mengatakan angka untuk bulan {month_id} lebih baik dari perkiraan.",
    "Media lokal di {city}, {region_id}, melaporkan hujan lebat pada akhir pekan.",
    "Perjanjian itu ditandatangani di {city} pada {day_id}, {dom} {month_id} {year}, setelah berbulan-bulan perundingan.",
]


def fill(t, rnd):
    city, region, region_id, country = rnd.choice(CITIES)
    if rnd.random() < 0.03:  # a few misplaced cities
        _, region, region_id, _ = rnd.choice(CITIES)
    d = datetime.date(2023, 1, 1) + datetime.timedelta(days=rnd.randrange(700))
    wd = d.weekday() if rnd.random() > 0.05 else (d.weekday() + 1) % 7  # a few wrong weekdays
    return t.format(
        city=city, region=region, region_id=region_id, country=country,
        city2=rnd.choice(CITIES)[0], city3=rnd.choice(CITIES)[0],
        person=rnd.choice(PEOPLE), org=rnd.choice(ORGS), org_id=rnd.choice(ORGS_ID),
        num=f"{rnd.randrange(2, 900):,}", pct=rnd.randrange(1, 40),
        day=DAYS_EN[wd], day_id=DAYS_ID[wd], month=MONTHS_EN[d.month - 1], month_id=MONTHS_ID[d.month - 1],
        dom=d.day, year=d.year,
    )


def article(rnd, size=5000):
    lang = rnd.choice(["en", "id"])
    templates = EN if lang == "en" else ID
    city = rnd.choice(CITIES)[0].upper()
    d = datetime.date(2023, 1, 1) + datetime.timedelta(days=rnd.randrange(700))
    dateline = (f"{city}, {MONTHS_EN[d.month - 1]} {d.day}, {d.year} —" if lang == "en"
                else f"{city}, {d.day} {MONTHS_ID[d.month - 1]} {d.year} –")
    out = [("Regional trade update" if lang == "en" else "Kabar perdagangan daerah"), "", dateline]
    n = len("\n".join(out))
    while n < size:
        para = " ".join(fill(rnd.choice(templates), rnd) for _ in range(rnd.randrange(2, 5)))
        out.extend(["", para])
        n += len(para) + 2
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--bytes", type=int, default=10_000_000, help="total size of the folder")
    ap.add_argument("--one", action="store_true", help="write one article, OUT, instead of a folder")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    if a.one:
        with open(a.out, "w") as f:
            f.write(article(rnd))
        return
    os.makedirs(a.out, exist_ok=True)
    total, i = 0, 0
    while total < a.bytes:
        text = article(rnd)
        with open(os.path.join(a.out, f"article-{i:05d}.txt"), "w") as f:
            f.write(text)
        total += len(text.encode())
        i += 1
    print(f"{i} articles, {total} bytes in {a.out}")


if __name__ == "__main__":
    main()
