//! Names for the benchmark, as varied as a real district's: Javanese, Sundanese,
//! Balinese, Bugis, Batak, Minang/Malay, Arabic-derived and Chinese-Indonesian first
//! names, Javanese names built from common syllables (tens of thousands of distinct
//! words), old spellings, titles and forms of Muhammad mixed in on the snapshot side,
//! and the applicant's version of each name with its own typos and spellings.

/// A small deterministic generator (xorshift), so runs are comparable.
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// True with chance `percent` in 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len() as u64) as usize]
    }
}

#[rustfmt::skip]
const FIRST: &[&str] = &[
    "Agus", "Siti", "Budi", "Dewi", "Ahmad", "Sri", "Nur", "Eko", "Dwi", "Tri", "Bambang",
    "Slamet", "Suparman", "Wahyu", "Yuli", "Rina", "Indah", "Fitri", "Ayu", "Putri", "Rizky",
    "Fajar", "Dian", "Andi", "Asep", "Ujang", "Cecep", "Dede", "Euis", "Neneng", "Iis", "Yayan",
    "Dadang", "Ade", "Aep", "Encep", "Entin", "Enok", "Imas", "Nining", "Abdul", "Yusuf",
    "Ismail", "Ibrahim", "Hasan", "Husein", "Fatimah", "Aisyah", "Khadijah", "Zainal",
    "Zulkifli", "Syamsul", "Khairul", "Rahmat", "Hidayat", "Arif", "Ilham", "Lukman", "Hamzah",
    "Umar", "Usman", "Ali", "Yunus", "Yahya", "Zakaria", "Maryam", "Halimah", "Aminah",
    "Rohmah", "Nurul", "Lailatul", "Ainun", "Yohanes", "Maria", "Petrus", "Paulus", "Yosef",
    "Agustinus", "Fransiska", "Theresia", "Kristina", "Daeng", "La", "Wa", "Baso", "Besse",
    "Andi", "Hendra", "Gunawan", "Hartono", "Liem", "Tan", "Lim", "Yenny", "Linda", "Susanto",
    "Wijaya", "Rudi", "Joko", "Cahyo", "Yanto", "Rini", "Wulan", "Sekar", "Ratna", "Endang",
    "Tutik", "Sumi", "Parmi", "Juminten", "Syafri", "Yurnalis", "Erni", "Desi", "Roni", "Yoga",
    "Bagus", "Galih", "Teguh",
];

#[rustfmt::skip]
const BALI: &[&str] = &[
    "I Made", "I Wayan", "I Nyoman", "I Ketut", "I Putu", "I Gede", "I Kadek", "I Komang",
    "Ni Luh", "Ni Made", "Ni Wayan", "Ni Nyoman", "Ni Ketut", "Ni Putu", "Ni Kadek",
    "I Gusti Ngurah", "I Gusti Ayu", "Anak Agung", "Ida Bagus", "Desak", "Cokorda",
];

#[rustfmt::skip]
const LAST: &[&str] = &[
    "Santoso", "Aminah", "Wibowo", "Lestari", "Saputra", "Rahayu", "Hidayat", "Kusuma",
    "Pratama", "Susanti", "Setiawan", "Nugroho", "Purnomo", "Wahyudi", "Handayani", "Kurniawan",
    "Permana", "Saepudin", "Sopandi", "Suryadi", "Hermawan", "Ruhiyat", "Sumarna", "Mulyana",
    "Suarta", "Sudarma", "Astawa", "Wirawan", "Suardana", "Adnyana", "Sitorus", "Simanjuntak",
    "Nainggolan", "Siregar", "Harahap", "Lubis", "Nasution", "Hutapea", "Panjaitan", "Sinaga",
    "Tambunan", "Pane", "Rangkuti", "Daulay", "Batubara", "Syahputra", "Syahrial", "Yusrizal",
    "Zulfikar", "Fadilah", "Maulana", "Rasyid", "Hakim", "Basri", "Mappasessu", "Rahman",
    "Rauf", "Tahir", "Pallawa", "Sultan", "Tanjung", "Chandra", "Halim", "Salim", "Kartika",
    "Anggraini", "Puspita", "Safitri", "Ramadhan", "Firmansyah", "Hakiki", "Suhendra",
    "Sulistyo", "Prasetyo", "Cahyono", "Wicaksono", "Nurhayati", "Wahyuningsih", "Sulistyowati",
    "Rahmawati", "Kusumawati",
];

#[rustfmt::skip]
const STARTS: &[&str] = &[
    "su", "sri", "har", "pur", "wi", "mar", "sup", "sut", "sug", "sum", "sar", "jum", "kas",
    "wal", "par", "dar", "rah", "ag", "bam", "sis", "tri", "dwi", "ri", "yu", "wah", "nur",
    "ten", "sab", "mul", "slam", "ngat", "kar", "jar", "sun", "mus", "rus", "pon", "san", "ram",
    "kus", "tuk", "gi", "sa", "sen", "tar", "wag", "yat", "pai", "sal", "ja",
];
#[rustfmt::skip]
const MIDDLES: &[&str] = &[
    "", "i", "ya", "ti", "ri", "na", "wa", "ma", "la", "ra", "di", "to", "no", "man", "tin",
    "sa", "ha", "ka",
];
#[rustfmt::skip]
const ENDS: &[&str] = &[
    "no", "to", "yanto", "yati", "wati", "ningsih", "man", "min", "di", "ni", "ri", "jo", "mo",
    "yono", "adi", "ah", "ih", "wan", "ti", "rto", "yem", "nah", "sih", "tun", "rni", "yah",
    "yo", "mi", "nem", "kun",
];

const TITLES_BEFORE: &[&str] = &["H.", "Hj.", "Drs.", "Dra.", "Ir.", "Dr.", "KH.", "Prof."];
#[rustfmt::skip]
const TITLES_AFTER: &[&str] = &[
    "S.Pd.", "S.Ag", "S.E.", "S.Kom", "S.H.", "A.Md", "M.Pd", "S.Sos", "SE", "S.Pd.I",
];
#[rustfmt::skip]
const MUHAMMAD: &[&str] = &[
    "Muhammad", "Muhamad", "Mohammad", "Mochammad", "Moch.", "Moh.", "Muh.", "M.",
];

/// A Javanese name word from syllables ("Sutrisno", "Wahyuningsih").
fn built(rng: &mut Rng) -> String {
    let word = format!(
        "{}{}{}",
        rng.pick(STARTS),
        rng.pick(MIDDLES),
        rng.pick(ENDS)
    );
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// The words of person `i`'s name in current spelling, without titles.
fn words(i: u64) -> Vec<String> {
    let mut rng = Rng(i.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut words: Vec<String> = Vec::new();
    match rng.below(10) {
        0 => words.push(rng.pick(BALI).to_string()),
        1 => words.push("Muhammad".into()),
        _ => words.push(rng.pick(FIRST).to_string()),
    }
    if rng.chance(50) {
        words.push(built(&mut rng));
    }
    words.push(if rng.chance(50) {
        rng.pick(LAST).to_string()
    } else {
        built(&mut rng)
    });
    words
}

/// Old spelling of one word, as an operator of the 1970s-90s might have typed it.
fn old_spelling(word: &str) -> String {
    let mut old = word.replacen('u', "oe", 1).replacen("j", "dj", 1);
    // "ty" would read as old "tj" (c): such words are left as they are.
    if !old.contains("ty") {
        old = old.replacen('y', "j", 1);
    }
    if !old.contains("ch") {
        old = old.replacen('c', "tj", 1);
    }
    old.replacen("kh", "ch", 1).replacen("Kh", "Ch", 1)
}

/// One typo in the longest word: a letter missing, doubled, swapped or wrong.
fn typo(word: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    let at = 1 + rng.below(chars.len().saturating_sub(2).max(1) as u64) as usize;
    match rng.below(4) {
        0 => {
            chars.remove(at);
        }
        1 => chars.insert(at, chars[at]),
        2 if at + 1 < chars.len() => chars.swap(at, at + 1),
        _ => chars[at] = if chars[at] == 'a' { 'e' } else { 'a' },
    }
    chars.into_iter().collect()
}

/// Muhammad written some way, on one side.
fn muhammad(words: &mut [String], rng: &mut Rng) {
    if words[0] == "Muhammad" {
        words[0] = rng.pick(MUHAMMAD).to_string();
    }
}

/// Titles before and after, sometimes.
fn titled(words: Vec<String>, rng: &mut Rng, percent: u64) -> String {
    let mut name = words.join(" ");
    if rng.chance(percent) {
        name = format!("{} {name}", rng.pick(TITLES_BEFORE));
    }
    if rng.chance(percent) {
        name = format!("{name}, {}", rng.pick(TITLES_AFTER));
    }
    name
}

/// Person `i`'s name as the snapshot has it: old spelling in 15% of names, titles in about
/// 10%, Muhammad in its many forms, upper case in a third.
pub fn snapshot_name(i: u64) -> String {
    let mut rng = Rng(i.wrapping_mul(0xD6E8_FEB8_6659_FD93) | 1);
    let mut words = words(i);
    muhammad(&mut words, &mut rng);
    if rng.chance(15) {
        let at = rng.below(words.len() as u64) as usize;
        words[at] = old_spelling(&words[at]);
    }
    let name = titled(words, &mut rng, 5);
    if rng.chance(33) {
        name.to_uppercase()
    } else {
        name
    }
}

/// What the applicant says for person `i`, as query `kind` of five: exact, current
/// spelling, a typo, with titles, or Muhammad and the o/a ending written another way.
pub fn applicant_query(i: u64, kind: u64, rng: &mut Rng) -> String {
    let mut words = words(i);
    let longest = (0..words.len())
        .max_by_key(|&w| words[w].len())
        .unwrap_or_default();
    match kind % 5 {
        0 => return snapshot_name(i),
        1 => {}
        2 => words[longest] = typo(&words[longest], rng),
        3 => return titled(words, rng, 100),
        _ => {
            muhammad(&mut words, rng);
            if let Some(stem) = words[longest].strip_suffix('o') {
                words[longest] = format!("{stem}a");
            }
            words[longest] = old_spelling(&words[longest]);
        }
    }
    words.join(" ")
}
