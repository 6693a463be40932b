//! Month names in the languages of the web, with their inflected forms and the
//! abbreviations that stand for one month only.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Each row: one language's twelve months, forms separated by `|` (nominative, then
/// genitive or other forms used in dates). Lower case.
const MONTHS: &[[&str; 12]] = &[
    // English
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september|sept",
        "october",
        "november",
        "december",
    ],
    // German (with Austrian Jänner and ASCII spellings)
    [
        "januar|jänner|jaenner",
        "februar|feber",
        "märz|maerz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
    ],
    // French (with spellings without accents)
    [
        "janvier",
        "février|fevrier",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août|aout",
        "septembre",
        "octobre",
        "novembre",
        "décembre|decembre",
    ],
    // Spanish
    [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre|setiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    // Italian
    [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    // Portuguese
    [
        "janeiro",
        "fevereiro",
        "março|marco",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ],
    // Catalan
    [
        "gener", "febrer", "març", "abril", "maig", "juny", "juliol", "agost", "setembre",
        "octubre", "novembre", "desembre",
    ],
    // Dutch
    [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    // Swedish, Danish, Norwegian
    [
        "januari|januar",
        "februari|februar",
        "mars|marts",
        "april",
        "maj|mai",
        "juni",
        "juli",
        "augusti|august",
        "september",
        "oktober",
        "november",
        "december|desember",
    ],
    // Finnish (nominative and the partitive used in dates)
    [
        "tammikuu|tammikuuta",
        "helmikuu|helmikuuta",
        "maaliskuu|maaliskuuta",
        "huhtikuu|huhtikuuta",
        "toukokuu|toukokuuta",
        "kesäkuu|kesäkuuta",
        "heinäkuu|heinäkuuta",
        "elokuu|elokuuta",
        "syyskuu|syyskuuta",
        "lokakuu|lokakuuta",
        "marraskuu|marraskuuta",
        "joulukuu|joulukuuta",
    ],
    // Estonian
    [
        "jaanuar",
        "veebruar",
        "märts",
        "aprill",
        "mai",
        "juuni",
        "juuli",
        "august",
        "september",
        "oktoober",
        "november",
        "detsember",
    ],
    // Hungarian
    [
        "január",
        "február",
        "március",
        "április",
        "május",
        "június",
        "július",
        "augusztus",
        "szeptember",
        "október",
        "november",
        "december",
    ],
    // Romanian
    [
        "ianuarie",
        "februarie",
        "martie",
        "aprilie",
        "mai",
        "iunie",
        "iulie",
        "august",
        "septembrie",
        "octombrie",
        "noiembrie",
        "decembrie",
    ],
    // Polish (nominative, genitive)
    [
        "styczeń|stycznia",
        "luty|lutego",
        "marzec|marca",
        "kwiecień|kwietnia",
        "maj|maja",
        "czerwiec|czerwca",
        "lipiec|lipca",
        "sierpień|sierpnia",
        "wrzesień|września",
        "październik|października",
        "listopad|listopada",
        "grudzień|grudnia",
    ],
    // Czech and Slovak (nominative, genitive)
    [
        "leden|ledna|január|januára",
        "únor|února|február|februára",
        "březen|března|marec|marca",
        "duben|dubna|apríl|apríla",
        "květen|května|máj|mája",
        "červen|června|jún|júna",
        "červenec|července|júl|júla",
        "srpen|srpna|august|augusta",
        "září|september|septembra",
        "říjen|října|október|októbra",
        "listopad|listopadu|november|novembra",
        "prosinec|prosince|december|decembra",
    ],
    // Slovenian, Croatian, Bosnian, Serbian (Latin). The Croatian name of October,
    // listopad, is left out: in Czech and Polish it is November.
    [
        "januar|januarja|siječanj|siječnja|januara",
        "februar|februarja|veljača|veljače|februara",
        "marec|marca|ožujak|ožujka|mart|marta",
        "april|aprila|travanj|travnja",
        "maj|maja|svibanj|svibnja",
        "junij|junija|lipanj|lipnja|jun|juna",
        "julij|julija|srpanj|srpnja|jul|jula",
        "avgust|avgusta|kolovoz|kolovoza|augusta",
        "september|septembra|rujan|rujna|septembar",
        "oktober|oktobra|oktobar",
        "november|novembra|studeni|studenoga|novembar",
        "december|decembra|prosinac|prosinca|decembar",
    ],
    // Russian (nominative, genitive)
    [
        "январь|января",
        "февраль|февраля",
        "март|марта",
        "апрель|апреля",
        "май|мая",
        "июнь|июня",
        "июль|июля",
        "август|августа",
        "сентябрь|сентября",
        "октябрь|октября",
        "ноябрь|ноября",
        "декабрь|декабря",
    ],
    // Ukrainian (nominative, genitive)
    [
        "січень|січня",
        "лютий|лютого",
        "березень|березня",
        "квітень|квітня",
        "травень|травня",
        "червень|червня",
        "липень|липня",
        "серпень|серпня",
        "вересень|вересня",
        "жовтень|жовтня",
        "листопад|листопада",
        "грудень|грудня",
    ],
    // Bulgarian, Serbian and Macedonian (Cyrillic)
    [
        "януари|јануар|јануара",
        "февруари|фебруар|фебруара",
        "март|марта",
        "април|априла",
        "май|мај|маја",
        "юни|јун|јуна",
        "юли|јул|јула",
        "август|августа",
        "септември|септембар|септембра",
        "октомври|октобар|октобра",
        "ноември|новембар|новембра",
        "декември|децембар|децембра",
    ],
    // Belarusian (genitive)
    [
        "студзеня",
        "лютага",
        "сакавіка",
        "красавіка",
        "траўня",
        "чэрвеня",
        "ліпеня",
        "жніўня",
        "верасня",
        "кастрычніка",
        "лістапада",
        "снежня",
    ],
    // Greek (nominative, genitive)
    [
        "ιανουάριος|ιανουαρίου",
        "φεβρουάριος|φεβρουαρίου",
        "μάρτιος|μαρτίου",
        "απρίλιος|απριλίου",
        "μάιος|μαΐου|μαίου",
        "ιούνιος|ιουνίου",
        "ιούλιος|ιουλίου",
        "αύγουστος|αυγούστου",
        "σεπτέμβριος|σεπτεμβρίου",
        "οκτώβριος|οκτωβρίου",
        "νοέμβριος|νοεμβρίου",
        "δεκέμβριος|δεκεμβρίου",
    ],
    // Turkish
    [
        "ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim",
        "kasım", "aralık",
    ],
    // Albanian
    [
        "janar", "shkurt", "mars", "prill", "maj", "qershor", "korrik", "gusht", "shtator",
        "tetor", "nëntor", "dhjetor",
    ],
    // Lithuanian (genitive) and Latvian
    [
        "sausio|janvāris|janvārī",
        "vasario|februāris|februārī",
        "kovo|marts|martā",
        "balandžio|aprīlis|aprīlī",
        "gegužės|maijs|maijā",
        "birželio|jūnijs|jūnijā",
        "liepos|jūlijs|jūlijā",
        "rugpjūčio|augusts|augustā",
        "rugsėjo|septembris|septembrī",
        "spalio|oktobris|oktobrī",
        "lapkričio|novembris|novembrī",
        "gruodžio|decembris|decembrī",
    ],
    // Indonesian and Malay
    [
        "januari",
        "februari",
        "maret|mac",
        "april",
        "mei",
        "juni|jun",
        "juli|julai",
        "agustus|ogos",
        "september",
        "oktober",
        "november",
        "desember|disember",
    ],
    // Arabic (the names of Egypt and the Maghreb, and of the Levant)
    [
        "يناير|كانون الثاني",
        "فبراير|شباط",
        "مارس|آذار",
        "أبريل|ابريل|نيسان",
        "مايو|أيار",
        "يونيو|حزيران",
        "يوليو|تموز",
        "أغسطس|آب",
        "سبتمبر|أيلول",
        "أكتوبر|اكتوبر",
        "نوفمبر|تشرين الثاني",
        "ديسمبر|كانون الأول",
    ],
    // Hindi
    [
        "जनवरी",
        "फ़रवरी|फरवरी",
        "मार्च",
        "अप्रैल",
        "मई",
        "जून",
        "जुलाई",
        "अगस्त",
        "सितंबर|सितम्बर",
        "अक्टूबर",
        "नवंबर|नवम्बर",
        "दिसंबर|दिसम्बर",
    ],
];

/// Shortest abbreviation taken (`jan`, `сен`).
const MIN_ABBREVIATION: usize = 3;

fn table() -> &'static HashMap<String, u8> {
    static TABLE: OnceLock<HashMap<String, u8>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut full: HashMap<String, u8> = HashMap::new();
        for row in MONTHS {
            for (i, forms) in row.iter().enumerate() {
                for form in forms.split('|') {
                    full.insert(form.to_string(), i as u8 + 1);
                }
            }
        }
        // Prefixes of full forms that point to one month only (0 marks a clash).
        let mut prefixes: HashMap<String, u8> = HashMap::new();
        for (form, &m) in &full {
            let chars: Vec<(usize, char)> = form.char_indices().collect();
            for n in MIN_ABBREVIATION..chars.len() {
                let p = &form[..chars[n].0];
                let e = prefixes.entry(p.to_string()).or_insert(m);
                if *e != m {
                    *e = 0;
                }
            }
        }
        for (p, m) in prefixes {
            if m != 0 {
                full.entry(p).or_insert(m);
            }
        }
        full
    })
}

/// The month (1-12) a word names, in any language, in full or abbreviated. The word
/// may be in any case.
pub fn month(word: &str) -> Option<u8> {
    if word.len() > 40 {
        return None;
    }
    if word.bytes().all(|b| b.is_ascii_lowercase()) {
        return table().get(word).copied();
    }
    table().get(&word.to_lowercase()).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_has_twelve_distinct_months_and_no_form_clashes() {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for row in MONTHS {
            for (i, forms) in row.iter().enumerate() {
                for form in forms.split('|') {
                    assert_eq!(form, form.to_lowercase(), "{form} is not lower case");
                    if let Some(&m) = seen.get(form) {
                        assert_eq!(m, i, "{form} names two months");
                    }
                    seen.insert(form, i);
                }
            }
        }
    }

    #[test]
    fn full_forms_and_unambiguous_abbreviations() {
        assert_eq!(month("November"), Some(11));
        assert_eq!(month("NOV"), Some(11));
        assert_eq!(month("Sept"), Some(9));
        assert_eq!(month("листопада"), Some(11));
        assert_eq!(month("ноября"), Some(11));
        assert_eq!(month("Mai"), Some(5));
        assert_eq!(month("März"), Some(3));
        assert_eq!(month("août"), Some(8));
        assert_eq!(month("czerwca"), Some(6));
        assert_eq!(month("července"), Some(7));
        assert_eq!(month("kesäkuuta"), Some(6));
        // "červ" starts both June and July in Czech.
        assert_eq!(month("červ"), None);
        assert_eq!(month("ju"), None);
        assert_eq!(month("monday"), None);
    }
}
