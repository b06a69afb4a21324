//! The spam pack: the seed's injected closing lines and hidden gambling links are flagged;
//! news about gambling, lotteries and casinos is not.

mod common;

use common::{check_format as check, found};
use factlint::markup::Format;
use factlint::vocab::Lang;

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds/article-id-shenzhen.txt");

#[test]
#[ignore = "needs ../shared (the seed article): run by .ci/run"]
fn seed_closing_lines_are_spam() {
    let text = std::fs::read_to_string(SEED).expect("the seed article is readable");
    let diags = check(&text, Format::Plain, None, &["spam"]);
    let got = found(&diags);
    assert!(got.contains(&("spam.gambling-keywords".into(), "data sgp terlengkap".into())), "{got:?}");
    assert!(got.contains(&("spam.gambling-handle".into(), "By gacor88".into())), "{got:?}");
    assert_eq!(got.len(), 2, "only the closing lines are spam: {got:?}");
    // The spans point at the original bytes.
    for d in &diags {
        assert_eq!(&text[d.span.start..d.span.end], d.text);
    }
}

#[test]
#[ignore = "needs ../shared (the seed article): run by .ci/run"]
fn seed_findings_of_every_rule() {
    // The whole shipped set on the seed: the misplaced city and the two spam lines, nothing
    // else (no style or consistency noise on a real article).
    let text = std::fs::read_to_string(SEED).expect("the seed article is readable");
    let got = found(&check(&text, Format::Plain, None, &[]));
    assert_eq!(
        got,
        [
            ("place.located-in".to_string(), "Shenzhen, KwaZulu-Natal".to_string()),
            ("spam.gambling-keywords".to_string(), "data sgp terlengkap".to_string()),
            ("spam.gambling-handle".to_string(), "By gacor88".to_string()),
        ]
    );
}

#[test]
fn hidden_gambling_link_in_html_page() {
    let page = r#"<!doctype html>
<html><head><title>Forum industri baru</title></head>
<body>
<article>
  <h1>Tiongkok dan ASEAN bekerja sama</h1>
  <p>Forum itu membahas kendaraan listrik dan ekonomi digital, kata Menteri.</p>
  <div style="position:absolute; left:-9999px">
    <a href="https://gacor88.com/daftar">slot gacor hari ini</a>
    <a href="https://www.example.net/x">situs togel online</a>
  </div>
  <p>Perusahaan akan terus memberikan dukungan, ujarnya.</p>
</article>
</body></html>"#;
    let diags = check(page, Format::Html, None, &["spam"]);
    let got = found(&diags);
    assert!(got.contains(&("spam.gambling-link".into(), "slot gacor hari ini".into())), "{got:?}");
    assert!(got.contains(&("spam.hidden-gambling".into(), "slot gacor hari ini".into())), "{got:?}");
    assert!(got.contains(&("spam.hidden-gambling".into(), "situs togel online".into())), "{got:?}");
    let link = diags.iter().find(|d| d.rule.as_str() == "spam.gambling-link").unwrap();
    assert!(link.evidence.iter().any(|e| e.contains("https://gacor88.com/daftar")), "{:?}", link.evidence);
    // An Indonesian page is told so in Indonesian.
    assert!(link.evidence.iter().any(|e| e.contains("menyembunyikannya")), "{:?}", link.evidence);
    // The visible article is clean.
    assert!(diags.iter().all(|d| d.span.start > page.find("left:-9999px").unwrap()), "{got:?}");
}

#[test]
fn hidden_link_by_display_none_and_hidden_attribute() {
    for page in [
        r#"<p>Berita.</p><a style="display:none" href="http://sbobet88.asia">Baca juga</a>"#,
        r#"<p>News.</p><span style="visibility:hidden"><a href="https://slot-gacor.xyz/">home</a></span>"#,
        r#"<p>News.</p><div hidden><a href="https://zeus138.net">link</a></div>"#,
    ] {
        let got = found(&check(page, Format::Html, Some(Lang::EN), &["spam"]));
        assert_eq!(got.iter().filter(|(r, _)| r == "spam.gambling-link").count(), 1, "{page}: {got:?}");
    }
}

#[test]
fn injected_spam_in_english_and_indonesian_pages() {
    let cases: &[(&str, Lang, &[&str])] = &[
        (
            "The council met on Monday.\n\nslot gacor hari ini\n\nBy zeus138",
            Lang::EN,
            &["slot gacor hari ini", "By zeus138"],
        ),
        (
            "Rapat berlangsung Senin.\n\nData HK 2024 terlengkap, togel hari ini",
            Lang::ID,
            &["Data HK 2024 terlengkap", "togel hari ini"],
        ),
        ("Harga cabai naik.\n\nLink alternatif gacor88 maxwin", Lang::ID, &["Link alternatif", "gacor88", "maxwin"]),
    ];
    for (text, lang, want) in cases {
        let got: Vec<String> = check(text, Format::Plain, Some(*lang), &["spam"]).into_iter().map(|d| d.text).collect();
        assert_eq!(&got, want, "{text:?}");
    }
}

/// News about gambling, lotteries and casinos, in Indonesian and English: none of it is spam.
const NEWS: &[(&str, &str)] = &[
    ("id", "Polisi menangkap 12 tersangka judi online di Medan, Sumatera Utara."),
    ("id", "Kominfo memblokir situs judi online sejak Januari."),
    (
        "id",
        "Kementerian Komunikasi dan Digital telah memblokir lebih dari 800.000 konten judi online sepanjang tahun ini.",
    ),
    ("id", "Polda Metro Jaya membongkar jaringan bandar togel yang beroperasi di Jakarta Utara."),
    ("id", "Seorang pegawai bank ditangkap karena menggelapkan dana nasabah untuk bermain slot online."),
    ("id", "PPATK mencatat perputaran dana judi online mencapai Rp327 triliun pada 2023."),
    ("id", "Satgas Pemberantasan Judi Online menerima ribuan laporan dari masyarakat."),
    ("id", "Majelis Ulama Indonesia kembali menegaskan fatwa haram judi, termasuk togel dan slot."),
    ("id", "Hakim menjatuhkan vonis dua tahun penjara kepada selebgram yang mempromosikan situs slot gacor."),
    ("id", "Psikolog mengingatkan bahaya kecanduan judi slot bagi remaja."),
    ("id", "Warga melaporkan maraknya praktik togel di kampung itu kepada aparat desa."),
    ("id", "OJK meminta bank menutup rekening yang terkait judi online."),
    ("id", "Presiden meminta aparat menindak tegas bandar judi online."),
    ("id", "Pemerintah Singapura mengatur lotere Toto dan 4D melalui Singapore Pools."),
    ("id", "Kasino di Makau mencatat kenaikan pendapatan 20 persen bulan lalu."),
    ("id", "Pemenang lotre Powerball di Amerika Serikat membawa pulang hadiah Rp15 triliun."),
    ("id", "Istilah \"slot gacor\" kerap dipakai situs judi untuk memancing pemain baru."),
    ("id", "Dalam sidang, jaksa menyebut terdakwa mengelola sepuluh situs judi dengan link alternatif."),
    ("id", "Penyidik menyita barang bukti berupa ponsel berisi aplikasi togel online."),
    ("id", "Ia mengaku kalah ratusan juta rupiah karena kecanduan judi online, ujarnya."),
    ("id", "Kapolres mengimbau warga tidak tergiur iming-iming maxwin dari situs judi."),
    ("id", "Kominfo menurunkan ribuan konten promosi judi slot dari media sosial."),
    ("id", "Bank Indonesia memantau transaksi mencurigakan yang terkait judi daring."),
    ("id", "Data Makau menunjukkan pendapatan kasino naik untuk bulan ketiga berturut-turut."),
    ("id", "Timnas Indonesia akan menjamu Singapura; data HK soal penonton belum dirilis."),
    ("id", "Mengenal Slot Gacor, Jebakan bagi Anak Muda"),
    ("id", "Apa Itu Slot Gacor?"),
    ("id", "Slot Gacor dan Nasib Anak Muda di Kota Besar"),
    ("en", "West Ham's shirt sponsor SBOBET has pulled out of the league."),
    ("en", "Hackers injected slot gacor adverts into dozens of university websites."),
    ("en", "Police arrested 12 suspects in an online gambling raid in Jakarta."),
    ("en", "The regulator fined the casino operator $2 million for breaching anti-money-laundering rules."),
    ("en", "Lottery ticket sales rose 8% after the jackpot reached $1.5 billion."),
    ("en", "Macau's casino revenue climbed to its highest level since the pandemic."),
    ("en", "Lawmakers in Brazil approved a bill to regulate sports betting."),
    ("en", "The UK Gambling Commission proposed new limits on online slot stakes."),
    ("en", "A New Jersey man won $2 million on a scratch-off lottery ticket."),
    ("en", "The state lottery commission said the winning ticket was sold in Ohio."),
    ("en", "Sports betting companies spent heavily on advertising during the Super Bowl."),
    ("en", "Singapore's casinos drew more visitors as tourism recovered."),
    ("en", "Indonesia's communications ministry has blocked hundreds of thousands of gambling sites."),
    ("en", "Researchers warn that slot machines are designed to keep players hooked."),
    ("en", "The casino in Las Vegas reopened with new safety measures."),
    ("en", "Online gambling is illegal in Indonesia, and offenders face up to 10 years in prison."),
    ("en", "DraftKings and FanDuel reported higher quarterly revenue from online betting."),
    ("en", "The Powerball jackpot rose to $700 million after no one matched all six numbers."),
    ("en", "bet365 was fined by the regulator for failing to protect vulnerable customers."),
    ("en", "The airline won new landing slots at Heathrow for its Jakarta route."),
    ("en", "Players at the Singapore GP said the data showed tyre wear was high."),
];

#[test]
fn news_about_gambling_stays_clean() {
    assert!(NEWS.len() >= 30);
    let mut noisy = Vec::new();
    for (lang, sentence) in NEWS {
        let lang = Lang::parse(lang).unwrap();
        // Alone, and as a paragraph of an article.
        for text in [sentence.to_string(), format!("JAKARTA - Berita terkini.\n\n{sentence}\n\nSelengkapnya menyusul.")]
        {
            for d in check(&text, Format::Plain, Some(lang), &["spam", "style"]) {
                noisy.push(format!("{sentence:?}: {} {:?}", d.rule, d.text));
            }
        }
    }
    assert!(noisy.is_empty(), "false alarms:\n{}", noisy.join("\n"));
}

#[test]
fn news_about_gambling_in_html_stays_clean() {
    let page = format!(
        "<html><body><nav style=\"display:none\"><a href=\"/tag/judi\">Judi</a> <a href=\"/tag/togel\">Togel</a></nav>{}</body></html>",
        NEWS.iter()
            .map(|(_, s)| format!("<p>{s} <a href=\"https://www.kompas.com/read/2024/polisi-tangkap-bandar-togel\">Baca juga</a></p>"))
            .collect::<String>()
    );
    let got = found(&check(&page, Format::Html, Some(Lang::ID), &["spam"]));
    assert!(got.is_empty(), "{got:?}");
}
