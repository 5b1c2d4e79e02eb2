//! schema.org JSON-LD for the blocks on a page: the business as an
//! Organization with its desks as ContactPoints, and each accredited body as
//! an Organization of its own with its complaint desk.

use serde_json::{Value, json};

use crate::render::view::BlockView;

fn address(block: &BlockView) -> Option<Value> {
    block.address.as_ref().map(|street| {
        json!({
            "@type": "PostalAddress",
            "postalCode": block.postal_code,
            "streetAddress": street,
            "addressCountry": "JP",
        })
    })
}

fn contact_point(block: &BlockView, contact_type: &str) -> Value {
    let mut point = json!({ "@type": "ContactPoint", "contactType": contact_type, "areaServed": "JP" });
    let fields = [
        ("name", block.department.clone().or_else(|| block.desk.clone())),
        ("telephone", block.phones.first().map(|p| p.tel.trim_start_matches("tel:").to_string())),
        ("faxNumber", block.fax.clone()),
        ("email", block.email.clone()),
        ("url", block.url.clone()),
        ("hoursAvailable", block.hours.clone()),
    ];
    for (key, value) in fields {
        if let Some(value) = value {
            point[key] = Value::String(value);
        }
    }
    point
}

fn strip_nulls(value: &mut Value) {
    if let Value::Object(map) = value {
        map.retain(|_, v| !v.is_null());
        map.values_mut().for_each(strip_nulls);
    }
}

/// The JSON-LD for `blocks`, safe to place inside a `<script>` element.
pub(crate) fn jsonld(blocks: &[BlockView], lang: &str) -> Option<String> {
    let of_kind = |kind: &'static str| blocks.iter().filter(move |b| b.kind == kind);
    let contacts: Vec<Value> =
        of_kind("contact").map(|b| contact_point(b, b.department.as_deref().unwrap_or("customer service"))).collect();
    let mut graph = Vec::new();
    match of_kind("business").next() {
        Some(business) => graph.push(json!({
            "@type": "Organization",
            "name": business.name,
            "url": business.url,
            "address": address(business),
            "contactPoint": contacts,
        })),
        None => graph.extend(contacts),
    }
    for body in of_kind("complaint-body") {
        graph.push(json!({
            "@type": "Organization",
            "name": body.name,
            "url": body.url,
            "address": address(body),
            "description": body.scope,
            "contactPoint": [contact_point(body, "complaints")],
        }));
    }
    if graph.is_empty() {
        return None;
    }
    let mut value = json!({ "@context": "https://schema.org", "@graph": graph, "inLanguage": lang });
    strip_nulls(&mut value);
    // `</script>` inside a string must not end the element.
    Some(serde_json::to_string(&value).ok()?.replace('<', "\\u003c"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::view::PhoneView;

    fn view(kind: &str) -> BlockView {
        BlockView {
            id: kind.into(),
            kind: kind.into(),
            since: "2021-04-01".into(),
            name: Some("甲社</script>".into()),
            representative: None,
            organization: None,
            department: Some("窓口".into()),
            desk: None,
            postal_code: Some("105-0011".into()),
            address: Some("東京都港区".into()),
            phones: vec![PhoneView {
                number: "0120-000-123".into(),
                tel: "tel:+81-120-000-123".into(),
                free_dial: true,
                label: None,
            }],
            fax: None,
            email: Some("a@example.com".into()),
            url: None,
            hours: None,
            notes: vec![],
            scope: None,
            destinations: Vec::new(),
        }
    }

    #[test]
    fn organisation_with_contact_points() {
        let text = jsonld(&[view("business"), view("contact"), view("complaint-body")], "ja").unwrap();
        assert!(!text.contains("</script>"));
        let value: Value = serde_json::from_str(&text).unwrap();
        let graph = value["@graph"].as_array().unwrap();
        assert_eq!(graph.len(), 2);
        assert_eq!(graph[0]["contactPoint"][0]["telephone"], "+81-120-000-123");
        assert_eq!(graph[1]["contactPoint"][0]["contactType"], "complaints");
        assert!(jsonld(&[], "ja").is_none());
    }
}
