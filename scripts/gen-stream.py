#!/usr/bin/env python3
"""Generates JSON Lines documents for `factlint check --stream` benchmarks.

Usage: scripts/gen-stream.py N [SEED] > docs.jsonl

Each line is {"id", "text", "lang", "date"}: a news-like article of four to eight paragraphs
(about 1-2 KB) in Indonesian or English, built from templates with real place names. About one
document in ten puts a city in a province it is not in ("Medan, Jawa Barat"); the rest place
cities correctly, in lists, or in datelines, as real copy does. Output is deterministic for a
given N and SEED, so runs can be compared.
"""

import json
import random
import sys

# (city, its province in Indonesian, in English)
CITIES = [
    ("Medan", "Sumatera Utara", "North Sumatra"),
    ("Bandung", "Jawa Barat", "West Java"),
    ("Surabaya", "Jawa Timur", "East Java"),
    ("Semarang", "Jawa Tengah", "Central Java"),
    ("Makassar", "Sulawesi Selatan", "South Sulawesi"),
    ("Denpasar", "Bali", "Bali"),
    ("Palembang", "Sumatera Selatan", "South Sumatra"),
    ("Pontianak", "Kalimantan Barat", "West Kalimantan"),
    ("Manado", "Sulawesi Utara", "North Sulawesi"),
    ("Padang", "Sumatera Barat", "West Sumatra"),
]

ID_PARAGRAPHS = [
    "Pemerintah daerah menyatakan bahwa program {topic} akan diperluas tahun depan, kata {person} kepada wartawan.",
    "Menurut data dinas terkait, jumlah peserta meningkat {n} persen dibandingkan tahun lalu.",
    "Peserta datang dari {c1}, {c2} dan {c3} untuk mengikuti kegiatan tersebut selama tiga hari.",
    "{person} menambahkan bahwa kerja sama dengan sektor swasta menjadi kunci keberhasilan program {topic}.",
    "Acara ini juga dihadiri perwakilan pelaku usaha kecil dan menengah dari berbagai daerah.",
    "Pengamat menilai kebijakan tersebut perlu diikuti dengan pengawasan yang ketat agar tepat sasaran.",
    "Kegiatan serupa sebelumnya digelar di kota {c1} di {p1} dan mendapat sambutan positif.",
]
EN_PARAGRAPHS = [
    "The provincial government said the {topic} programme would be expanded next year, {person} told reporters.",
    "According to official figures, participation rose {n} percent compared with last year.",
    "Delegates came from {c1}, {c2} and {c3} for the three-day event.",
    "{person} added that cooperation with the private sector was key to the success of the {topic} programme.",
    "Representatives of small and medium-sized businesses from several regions also attended.",
    "Analysts said the policy should be matched by strict oversight to reach the people it is meant for.",
    "A similar event was held earlier in the city of {c1} in {p1_en} and was well received.",
]
TOPICS_ID = ["digitalisasi UMKM", "energi terbarukan", "pariwisata", "pendidikan vokasi", "kesehatan ibu dan anak"]
TOPICS_EN = ["small-business digitalisation", "renewable energy", "tourism", "vocational training", "maternal health"]
PEOPLE = ["Siti Rahmawati", "Budi Santoso", "Agus Salim", "Dewi Lestari", "Rudi Hartono"]


def document(i, rng):
    lang = "id" if rng.random() < 0.6 else "en"
    city, prov_id, prov_en = rng.choice(CITIES)
    c1, c2, c3 = rng.sample(CITIES, 3)
    wrong = rng.random() < 0.1
    if wrong:
        # A province the city is not in.
        other = rng.choice([c for c in CITIES if c[0] != city])
        prov_id, prov_en = other[1], other[2]
    fields = {
        "topic": rng.choice(TOPICS_ID if lang == "id" else TOPICS_EN),
        "person": rng.choice(PEOPLE),
        "n": rng.randint(3, 40),
        "c1": c1[0], "c2": c2[0], "c3": c3[0], "p1": c1[1], "p1_en": c1[2],
    }
    day = rng.randint(1, 28)
    month = rng.randint(1, 12)
    date = f"2023-{month:02d}-{day:02d}"
    if lang == "id":
        lead = (f"{city.upper()}, {day} Juli 2023 – Forum {fields['topic']} digelar di {city}, {prov_id} "
                f"pada hari Selasa, kata panitia.")
        body = [p.format(**fields) for p in rng.sample(ID_PARAGRAPHS, rng.randint(4, 7))]
        title = f"Forum {fields['topic']} di {city} menarik minat peserta"
    else:
        lead = (f"{city.upper()}, July {day} — A forum on {fields['topic']} opened in {city}, {prov_en}, "
                f"on Tuesday, organisers said.")
        body = [p.format(**fields) for p in rng.sample(EN_PARAGRAPHS, rng.randint(4, 7))]
        title = f"{fields['topic'].capitalize()} forum in {city} draws crowds"
    text = "\n\n".join([title, lead] + body) + "\n"
    return {"id": f"doc-{i:07d}", "text": text, "lang": lang, "date": date}


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    n = int(sys.argv[1])
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 6)
    out = sys.stdout
    for i in range(n):
        out.write(json.dumps(document(i, rng), ensure_ascii=False))
        out.write("\n")


if __name__ == "__main__":
    main()
