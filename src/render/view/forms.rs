//! Schema-only types: they stand in for a view's or a document's `String`
//! field where the string has a form (`#[schemars(with = "IsoDate")]`), so
//! that the published JSON Schema states it. The documents are unchanged.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

macro_rules! string_form {
    ($(#[$doc:meta])* $name:ident, $schema:tt) => {
        $(#[$doc])*
        pub struct $name;

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!($schema)
            }
        }
    };
}

string_form!(
    /// A day, `YYYY-MM-DD` (a day in Japan).
    IsoDate,
    { "type": "string", "format": "date", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$" }
);
string_form!(
    /// A moment in RFC 3339 form, with its offset (`2027-01-01T00:00:00+09:00`).
    DateTime,
    { "type": "string", "format": "date-time", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$" }
);
string_form!(
    /// The JSON Feed version a feed follows.
    JsonFeedVersion,
    { "type": "string", "const": "https://jsonfeed.org/version/1.1" }
);
string_form!(
    /// A SHA-256 digest in lowercase hex.
    Sha256Hex,
    { "type": "string", "pattern": "^[0-9a-f]{64}$" }
);
string_form!(
    /// An absolute `http(s)` URL.
    AbsoluteUrl,
    { "type": "string", "format": "uri", "pattern": "^https?://[^\\s]+$" }
);
string_form!(
    /// A root-relative path (`/legal/ja/privacy/`), to resolve against the site's origin.
    RootPath,
    { "type": "string", "pattern": "^/([^/\\\\\\s][^\\\\\\s]*)?$" }
);
string_form!(
    /// A language code (BCP 47: `ja`, `en`, `zh-Hant`).
    LanguageCode,
    { "type": "string", "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$" }
);
string_form!(
    /// A policy's slug: lowercase ASCII letters, digits and `-`.
    Slug,
    { "type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,63}$" }
);
string_form!(
    /// A clause's or a block's id: lowercase ASCII letters, digits, `-` and `_`, starting with a
    /// letter or digit, at most 64 characters.
    ClauseId,
    { "type": "string", "pattern": "^[a-z0-9][a-z0-9_-]{0,63}$" }
);
string_form!(
    /// The kind of a typed block.
    BlockKind,
    { "type": "string", "enum": ["business", "contact", "complaint-body", "external-transmission"] }
);
string_form!(
    /// A feed item's id: `kiyaku:{slug}/{effective}/{lang}`.
    FeedItemId,
    { "type": "string", "pattern": "^kiyaku:[a-z0-9][a-z0-9-]*/[0-9]{4}-[0-9]{2}-[0-9]{2}/[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$" }
);
