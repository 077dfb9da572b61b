//! Builds an [`Api`] from an `openapiv3` document, reporting every problem.

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, ReferenceOr};

use super::{Api, Docs, Server, TypeDef};
use crate::diagnostics::{Diagnostics, Pointer};
use crate::name::{self, Namespace};

/// Builds the model of one spec that becomes module `module`.
///
/// Returns `None` when `diagnostics` holds errors: the model would be wrong.
pub fn build_api(
    spec: &OpenAPI,
    module: &str,
    source: &str,
    diagnostics: &mut Diagnostics,
) -> Option<Api> {
    let mut builder = Builder::new(spec, diagnostics);
    builder.declare_components();
    builder.build_components();
    let operations = builder.build_operations();
    let servers = spec
        .servers
        .iter()
        .map(|s| Server {
            url: s.url.clone(),
            description: Docs::from_parts([s.description.as_deref()]),
        })
        .collect();
    let api = Api {
        module: name::snake(module),
        feature: module.to_owned(),
        source: source.to_owned(),
        title: spec.info.title.clone(),
        version: spec.info.version.clone(),
        description: Docs::from_parts([spec.info.description.as_deref()]),
        servers,
        types: builder.types,
        operations,
    };
    (!builder.diagnostics.has_errors()).then_some(api)
}

/// State shared by the schema and operation builders.
pub(super) struct Builder<'a> {
    pub spec: &'a OpenAPI,
    pub diagnostics: &'a mut Diagnostics,
    /// Types in emission order: components in document order, then inline
    /// types in the order they were met.
    pub types: Vec<TypeDef>,
    pub type_names: Namespace,
    /// Component schema name to Rust type name.
    pub component_types: BTreeMap<String, String>,
    /// Security scheme name to the name of its module-level `const`.
    pub scheme_consts: BTreeMap<String, String>,
    pub const_names: Namespace,
}

impl<'a> Builder<'a> {
    fn new(spec: &'a OpenAPI, diagnostics: &'a mut Diagnostics) -> Self {
        Self {
            spec,
            diagnostics,
            types: Vec::new(),
            type_names: Namespace::default(),
            component_types: BTreeMap::new(),
            scheme_consts: BTreeMap::new(),
            const_names: Namespace::default(),
        }
    }

    /// Names every component schema first, so references resolve whatever
    /// the order, and component names win over inline names.
    fn declare_components(&mut self) {
        let Some(components) = &self.spec.components else {
            return;
        };
        for name in components.schemas.keys() {
            let rust = self.type_names.claim(name::pascal(name));
            self.component_types.insert(name.clone(), rust);
        }
    }

    fn build_components(&mut self) {
        let Some(components) = &self.spec.components else {
            return;
        };
        let base = Pointer::root().join("components").join("schemas");
        for (name, schema) in &components.schemas {
            let rust = self.component_types[name].clone();
            self.define_named(&rust, schema, &base.join(name));
        }
    }

    /// Follows a local `$ref` to a component of the given kind, e.g.
    /// `#/components/parameters/Limit`, reporting a located error if it is
    /// not one.
    pub fn resolve<'s, T>(
        &mut self,
        item: &'s ReferenceOr<T>,
        kind: &str,
        components: impl Fn(&'s openapiv3::Components) -> &'s indexmap::IndexMap<String, ReferenceOr<T>>,
        pointer: &Pointer,
    ) -> Option<&'s T>
    where
        'a: 's,
    {
        let mut current = item;
        // A chain of references longer than the number of components is a cycle.
        for _ in 0..64 {
            match current {
                ReferenceOr::Item(value) => return Some(value),
                ReferenceOr::Reference { reference } => {
                    let prefix = format!("#/components/{kind}/");
                    let target = reference
                        .strip_prefix(&prefix)
                        .and_then(|name| self.spec.components.as_ref().map(|c| (c, name)))
                        .and_then(|(c, name)| components(c).get(name));
                    match target {
                        Some(next) => current = next,
                        None => {
                            self.diagnostics.error(
                                pointer,
                                format!("`$ref: {reference}` does not name an entry of components/{kind}"),
                            );
                            return None;
                        }
                    }
                }
            }
        }
        self.diagnostics.error(
            pointer,
            format!("`$ref` chain under components/{kind} is a cycle"),
        );
        None
    }
}
