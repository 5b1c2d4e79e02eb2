//! The published JSON Schema of the API documents (`/api/v1/schema.json`),
//! generated from the Rust types that serialise them, and strict enough that
//! a wrong document fails: every field a document always has is required,
//! objects of a fixed shape are closed (`additionalProperties: false`), and
//! dates, hashes, URLs, paths and language codes carry their pattern.
//! The forms of strings are stated by the schema-only types of
//! [`crate::render::view::forms`].

use schemars::{Schema, generate::SchemaSettings};

use super::ApiDocument;

/// The JSON Schema of every API document, identified by `id` (its own URL).
pub fn schema_json(id: &str) -> String {
    let mut schema = schema_for::<ApiDocument>();
    schema.insert("$id".to_string(), id.into());
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

/// The schema of one kind of document, as the published one states it:
/// what is serialised is required, fixed shapes are closed.
pub fn schema_for<T: schemars::JsonSchema>() -> Schema {
    SchemaSettings::draft2020_12()
        .for_serialize()
        .with_transform(schemars::transform::RecursiveTransform(close_object))
        .into_generator()
        .into_root_schema_for::<T>()
}

/// An object with named properties and nothing said of others has a fixed
/// shape: a field the documents never carry is an error, not an extension.
/// (Maps keyed by language code have no `properties` and stay open.)
fn close_object(schema: &mut Schema) {
    if schema.get("properties").is_some() && schema.get("additionalProperties").is_none() {
        schema.insert("additionalProperties".to_string(), false.into());
    }
}
