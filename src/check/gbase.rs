//! Google Base (`http://base.google.com/ns/1.0`, `g:`) item attributes, as
//! the W3C Feed Validation Service checks them (`extension.py`): numbers,
//! units, locations, years, labels and enumerations. Dates, currencies,
//! countries and the nested `g:shipping` / date ranges are accepted
//! unchecked. Used by `ext`; uses `finding`, `values` and `xml` only.

use super::finding::Findings;
use super::values::{self, UriKind};
use super::xml::Element;

pub(crate) const G_NS: &str = "http://base.google.com/ns/1.0";

#[derive(Debug, Clone, Copy)]
enum Rule {
    Text,
    NonNegative,
    Positive,
    Float,
    FloatUnit,
    IntUnit,
    TrueFalse,
    Uri,
    Location,
    FullLocation,
    Year,
    Label,
    OneOf(&'static str, &'static [&'static str]),
}

/// The `g:` names of items, each with its rule (`extension.py`'s `do_g_*`).
const ATTRIBUTES: &[(&str, Rule)] = &[
    ("actor", Rule::Text),
    ("age", Rule::NonNegative),
    ("agent", Rule::Text),
    ("apparel_type", Rule::Text),
    ("area", Rule::Text),
    ("artist", Rule::Text),
    ("author", Rule::Text),
    ("bathrooms", Rule::NonNegative),
    ("bedrooms", Rule::NonNegative),
    ("brand", Rule::Text),
    ("calories", Rule::Float),
    ("cholesterol", Rule::Float),
    ("color", Rule::Text),
    ("condition", Rule::Text),
    ("cooking_time", Rule::Float),
    ("course", Rule::Text),
    ("course_date_range", Rule::Text),
    ("course_number", Rule::Text),
    ("course_times", Rule::Text),
    ("cuisine", Rule::Text),
    ("currency", Rule::Text),
    ("delivery_notes", Rule::Text),
    ("delivery_radius", Rule::FloatUnit),
    ("education", Rule::Text),
    ("employer", Rule::Text),
    ("ethnicity", Rule::Text),
    ("event_date_range", Rule::Text),
    ("expiration_date", Rule::Text),
    ("expiration_date_time", Rule::Text),
    ("fiber", Rule::Float),
    ("format", Rule::Text),
    ("from_location", Rule::Location),
    ("gender", Rule::OneOf("InvalidGender", &["Male", "M", "Female", "F"])),
    ("hoa_dues", Rule::Float),
    ("id", Rule::Text),
    ("image_link", Rule::Uri),
    ("immigration_status", Rule::Text),
    ("interested_in", Rule::Text),
    ("isbn", Rule::Text),
    ("job_function", Rule::Text),
    ("job_industry", Rule::Text),
    ("job_type", Rule::Text),
    ("label", Rule::Label),
    ("listing_type", Rule::TrueFalse),
    ("location", Rule::FullLocation),
    ("main_ingredient", Rule::Text),
    ("make", Rule::Text),
    ("manufacturer", Rule::Text),
    ("manufacturer_id", Rule::Text),
    (
        "marital_status",
        Rule::OneOf(
            "InvalidMaritalStatus",
            &["single", "divorced", "separated", "widowed", "married", "in relationship"],
        ),
    ),
    ("meal_type", Rule::Text),
    ("megapixels", Rule::FloatUnit),
    ("memory", Rule::FloatUnit),
    ("mileage", Rule::IntUnit),
    ("model", Rule::Text),
    ("model_number", Rule::Text),
    ("name_of_item_being_reviewed", Rule::Text),
    ("news_source", Rule::Text),
    ("occupation", Rule::Text),
    ("pages", Rule::Positive),
    (
        "payment_accepted",
        Rule::OneOf(
            "InvalidPaymentMethod",
            &["Cash", "Check", "Visa", "MasterCard", "AmericanExpress", "Discover", "WireTransfer"],
        ),
    ),
    ("payment_notes", Rule::Text),
    ("pickup", Rule::TrueFalse),
    ("preparation_time", Rule::FloatUnit),
    ("price", Rule::FloatUnit),
    ("price_type", Rule::OneOf("InvalidPriceType", &["negotiable", "starting"])),
    ("processor_speed", Rule::FloatUnit),
    ("product_type", Rule::Text),
    ("property_type", Rule::Text),
    ("protein", Rule::FloatUnit),
    ("publication_name", Rule::Text),
    ("publication_volume", Rule::Text),
    ("publish_date", Rule::Text),
    ("quantity", Rule::NonNegative),
    ("rating", Rule::OneOf("InvalidRatingType", &["1", "2", "3", "4", "5"])),
    ("review_type", Rule::Text),
    ("reviewer_type", Rule::OneOf("InvalidReviewerType", &["editorial", "user"])),
    ("salary", Rule::Float),
    ("salary_type", Rule::OneOf("InvalidSalaryType", &["starting", "negotiable"])),
    ("saturated_fat", Rule::Float),
    ("school_district", Rule::Text),
    ("service_type", Rule::Text),
    ("servings", Rule::Float),
    ("sexual_orientation", Rule::Text),
    ("shipping", Rule::Text),
    ("size", Rule::Text),
    ("sodium", Rule::Float),
    ("subject", Rule::Text),
    ("subject_area", Rule::Text),
    ("tax_percent", Rule::Text),
    ("tax_region", Rule::Text),
    ("to_location", Rule::Location),
    ("total_carbs", Rule::Float),
    ("total_fat", Rule::Float),
    ("travel_date_range", Rule::Text),
    ("university", Rule::Text),
    ("upc", Rule::Text),
    ("url_of_item_being_reviewed", Rule::Uri),
    ("vehicle_type", Rule::Text),
    ("vin", Rule::Text),
    ("weight", Rule::FloatUnit),
    ("year", Rule::Year),
];

/// Whether at most one `g:local` may appear in an item (`noduplicates()`).
pub(crate) fn single(local: &str) -> bool {
    !matches!(local, "image_link" | "label" | "payment_accepted")
}

/// Whether `g:local` may appear at most ten times (`maxten`).
pub(crate) fn max_ten(local: &str) -> bool {
    matches!(local, "image_link" | "label")
}

/// Judges the `g:` element `el` of an item.
pub(crate) fn judge(parent: &Element, el: &Element, out: &mut Findings) {
    let Some((_, rule)) = ATTRIBUTES.iter().find(|(name, _)| *name == el.local) else {
        out.error(
            "UndefinedElement",
            el.pos,
            format!("undefined `{}` element: `{}`", parent.qname, el.qname),
            "this Google Base attribute is not defined",
        );
        return;
    };
    let value = el.value();
    let int = |v: &str| {
        let digits = v.strip_prefix(['+', '-']).unwrap_or(v);
        (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then(|| v.parse::<i64>().unwrap_or(i64::MAX))
    };
    let (code, ok) = match rule {
        Rule::Text => return,
        Rule::NonNegative => ("InvalidNonNegativeInteger", int(value).is_some_and(|n| n >= 0)),
        Rule::Positive => ("InvalidPositiveInteger", int(value).is_some_and(|n| n > 0)),
        Rule::Float => ("InvalidFloat", value.starts_with(|c: char| c.is_ascii_digit())),
        Rule::FloatUnit => ("InvalidFloatUnit", float_unit(value)),
        Rule::IntUnit => {
            let first = value.split(' ').next().unwrap_or("").replace(',', "");
            ("InvalidIntUnit", int(&first).is_some_and(|n| n >= 0))
        }
        Rule::TrueFalse => ("InvalidTrueFalse", matches!(value.to_ascii_lowercase().as_str(), "true" | "false")),
        Rule::Uri => ("InvalidFullLink", values::uri(value, UriKind::FullUri, "InvalidFullLink").is_ok()),
        Rule::Location => ("InvalidLocation", matches!(value.split(',').count(), 2 | 3)),
        Rule::FullLocation => {
            let fields: Vec<&str> = value.split(',').collect();
            ("InvalidFullLocation", fields.len() == 5 && fields.iter().all(|f| !f.trim().is_empty()))
        }
        Rule::Year => {
            let this_year = i64::from(chrono::Datelike::year(&chrono::Utc::now()));
            ("InvalidYear", int(value).is_some_and(|y| (1900..=this_year + 4).contains(&y)))
        }
        Rule::Label => ("InvalidLabel", !value.contains(',')),
        Rule::OneOf(code, allowed) => (*code, allowed.contains(&value)),
    };
    if !ok {
        let code = if let (Rule::Uri, Err(bad)) = (rule, values::uri(value, UriKind::FullUri, "InvalidFullLink")) {
            bad.code
        } else {
            code
        };
        out.error(
            code,
            el.pos,
            format!("invalid value of `{}`: `{value}`", el.qname),
            "see the Google Base attribute reference",
        );
    }
}

/// `\d+\.?\d*\s*\w*$`: a number, then an optional unit word.
fn float_unit(value: &str) -> bool {
    let digits = value.len() - value.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return false;
    }
    let rest = &value[digits..];
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    rest.trim_start().chars().all(|c| c.is_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_units_as_the_w3c_reads_them() {
        for ok in ["10", "10.5 usd", "3 kg", "12."] {
            assert!(float_unit(ok), "{ok}");
        }
        for bad in ["", "$10", "10 US dollars", "ten"] {
            assert!(!float_unit(bad), "{bad}");
        }
    }
}
