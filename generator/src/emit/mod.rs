//! Stage 3: the model to Rust token streams and manifest text.
//!
//! Emitters read only [`crate::model`]. Each returns the files it makes,
//! unformatted; [`crate::format`] turns tokens into text.

mod client;
mod construct;
mod docs;
mod fake;
mod form;
mod gate;
mod krate;
mod paging;
mod request;
mod rust_type;
pub(crate) mod surface;
mod types;

pub(crate) use krate::{cargo_toml, crate_features, include_rs, lib_rs, runtime_features};
pub(crate) use rust_type::drop_unused_runtime_alias;

use proc_macro2::TokenStream;

use crate::model::Api;

/// Items per part of `types.rs`: GitHub's 5,000 make 13 parts, a small
/// spec's one.
const TYPES_PER_PART: usize = 400;

/// One Rust file of an API module, or a part of one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ModuleFile {
    /// `mod.rs`: module docs, the `Client` and its methods.
    Client,
    /// A part of a types file (`types.rs` or a feature's, see
    /// [`types::types_files`]; schema types, then each operation's own
    /// types): its items `first..end`. A large file comes in parts so that
    /// they can be emitted and formatted at once; the parts are fixed by
    /// item counts, never by the machine, so the output is the same
    /// everywhere.
    Types {
        file: usize,
        first: usize,
        end: usize,
    },
    /// `mod.rs` of a types-only crate: the schema types alone.
    SchemaTypes,
    /// `fake.rs`: what the fake needs (its `fake()`, each builder's typed
    /// replies, the constructors of response-only structs), declared only
    /// with the crate's `fake` feature, so that without it the file is not
    /// even read.
    Fake,
}

impl ModuleFile {
    /// The files an API module has.
    pub(crate) fn all(api: &Api, types_only: bool) -> Vec<ModuleFile> {
        if types_only {
            vec![ModuleFile::SchemaTypes]
        } else if api.has_types() {
            let mut files = vec![ModuleFile::Client];
            for (file, types_file) in types::types_files(api).iter().enumerate() {
                let items = types_file.items.len();
                files.extend((0..items.div_ceil(TYPES_PER_PART).max(1)).map(|part| {
                    ModuleFile::Types {
                        file,
                        first: part * TYPES_PER_PART,
                        end: ((part + 1) * TYPES_PER_PART).min(items),
                    }
                }));
            }
            files.extend(api.fakes.then_some(ModuleFile::Fake));
            files
        } else {
            let mut files = vec![ModuleFile::Client];
            files.extend(api.fakes.then_some(ModuleFile::Fake));
            files
        }
    }

    /// Its path relative to `src/`.
    pub(crate) fn path(self, api: &Api) -> String {
        match self {
            ModuleFile::Client | ModuleFile::SchemaTypes => format!("{}/mod.rs", api.module),
            ModuleFile::Types { file, .. } => {
                format!("{}/{}", api.module, types::types_files(api)[file].path())
            }
            ModuleFile::Fake => format!("{}/fake.rs", api.module),
        }
    }

    /// Its tokens.
    pub(crate) fn emit(self, api: &Api) -> TokenStream {
        match self {
            ModuleFile::Client => client::module_file(api),
            ModuleFile::Types { file, first, end } => types::types_file(api, file, first..end),
            ModuleFile::SchemaTypes => types::schema_types_file(api),
            ModuleFile::Fake => fake::fake_file(api),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;
    use crate::model::build_api;
    use crate::parse::parse_spec;

    #[test]
    fn types_in_parts_read_as_the_whole_file() {
        let mut text = String::from(
            "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: getA\n      parameters: [{name: q, in: query, schema: {type: string}}]\n      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/S0'}}}}}\ncomponents:\n  schemas:\n",
        );
        for i in 0..900 {
            text.push_str(&format!(
                "    S{i}:\n      description: Number {i}.\n      type: object\n      properties:\n        next: {{$ref: '#/components/schemas/S{}'}}\n        kind: {{type: string, enum: [a, b]}}\n",
                (i + 1) % 900
            ));
        }
        let spec = crate::SpecSource::from_text("big.yaml", "big", text);
        let mut diagnostics = Diagnostics::new(&spec.label);
        let document = parse_spec(&spec, false, &mut diagnostics).unwrap();
        let api = build_api(
            &document,
            "big",
            "big.yaml",
            crate::model::ModelOptions::default(),
            &mut diagnostics,
        )
        .unwrap();
        let items = types::types_files(&api)[0].items.len();
        let parts = ModuleFile::all(&api, false);
        assert!(parts.len() > 3, "{parts:?}");
        let format =
            |file: ModuleFile| crate::format::rust_file("types.rs", file.emit(&api)).unwrap();
        let whole = format(ModuleFile::Types {
            file: 0,
            first: 0,
            end: items,
        });
        let mut joined = String::new();
        for (index, part) in parts
            .into_iter()
            .filter(|part| matches!(part, ModuleFile::Types { .. }))
            .enumerate()
        {
            if index == 0 {
                joined = format(part);
            } else {
                crate::format::append_part(&mut joined, &format(part));
            }
        }
        assert_eq!(joined, whole);
    }
}
