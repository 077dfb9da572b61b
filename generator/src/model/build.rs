//! Builds an [`Api`] from a parsed spec, reporting every problem.

use std::collections::{BTreeSet, HashMap};

use openapiv3::{OpenAPI, ReferenceOr};

use super::graph::{TypeGraph, TypeKind};
use super::{Api, Docs, ModelOptions, SecuritySchemeDef, Server, ServerVariable, TypeRef, passes};
use crate::diagnostics::Diagnostics;
use crate::name;
use crate::parse::Document;
use crate::pointer::Pointer;
use crate::resolve::{Component, RefError, Resolved, Resolver};

/// Builds the model of one spec that becomes module `module`.
///
/// Returns `None` when `diagnostics` holds errors: the model would be wrong.
pub(crate) fn build_api(
    document: &Document,
    module: &str,
    source: &str,
    options: ModelOptions,
    diagnostics: &mut Diagnostics,
) -> Option<Api> {
    let spec = &document.typed;
    let mut builder = Builder::new(document, diagnostics);
    builder.typed_formats = options.typed_formats;
    builder.declare_components();
    builder.declare_security_schemes();
    builder.build_components();
    builder.break_alias_cycles();
    let mut operations = builder.build_operations();
    builder.paginate(&mut operations, &options.paging);
    let mut api = Api {
        module: name::snake(module),
        feature: name::feature(module),
        source: source.to_owned(),
        title: spec.info.title.clone(),
        version: spec.info.version.clone(),
        description: Docs::from_parts([spec.info.description.as_deref()]),
        servers: builder.servers(),
        security_schemes: std::mem::take(&mut builder.schemes),
        types: std::mem::take(&mut builder.types),
        operations,
        tag_features: Vec::new(),
        type_gates: HashMap::new(),
        fakes: false,
        fake_seed: 0,
        one_way_serde: false,
        lenient_responses: options.lenient_responses,
    };
    for (problem, at) in passes::run(&mut api, &options) {
        let at = Pointer::parse(&at);
        builder.diagnostics.error(&at, problem);
    }
    (!builder.diagnostics.has_errors()).then_some(api)
}

/// State shared by the schema, operation and security builders.
pub(super) struct Builder<'a> {
    pub spec: &'a OpenAPI,
    pub resolver: Resolver<'a>,
    pub diagnostics: &'a mut Diagnostics,
    /// Types in emission order: components in document order, each after
    /// the inline types it holds, then inline types in the order met.
    pub types: TypeGraph,
    /// Types of `$ref`s into the middle of other schemas, by reference.
    pub pointer_types: HashMap<String, TypeRef>,
    pub pointers_in_progress: BTreeSet<String>,
    /// Whether each component schema met so far accepts `null`.
    pub nullable_components: HashMap<super::graph::TypeId, bool>,
    /// The declared security schemes.
    pub schemes: Vec<SecuritySchemeDef>,
    /// String formats become their own types (`date-time` a date-time...),
    /// not `String`.
    pub typed_formats: bool,
    /// Inline types are being named after a shared component (a parameter
    /// or request body under `components`), not after one site.
    pub in_component: bool,
}

impl<'a> Builder<'a> {
    fn new(document: &'a Document, diagnostics: &'a mut Diagnostics) -> Self {
        Self {
            spec: &document.typed,
            resolver: Resolver::new(&document.typed, &document.raw),
            diagnostics,
            types: TypeGraph::default(),
            pointer_types: HashMap::new(),
            pointers_in_progress: BTreeSet::new(),
            nullable_components: HashMap::new(),
            schemes: Vec::new(),
            typed_formats: true,
            in_component: false,
        }
    }

    /// Names every component schema first, so references resolve whatever
    /// the order, and component names win over inline names.
    fn declare_components(&mut self) {
        let Some(components) = &self.spec.components else {
            return;
        };
        let base = Pointer::root().join("components").join("schemas");
        for name in components.schemas.keys() {
            self.types.declare(name::pascal(name), &base.join(name));
        }
    }

    fn build_components(&mut self) {
        let Some(components) = &self.spec.components else {
            return;
        };
        let base = Pointer::root().join("components").join("schemas");
        for (name, schema) in &components.schemas {
            let at = base.join(name);
            if let Some(id) = self.types.by_location(&at.to_string()) {
                self.define_named(id, schema, &at);
            }
        }
    }

    /// Aliases that hold themselves with no struct or enum between (`A:
    /// {$ref: B}` with `B: {$ref: A}`, `Tree: {type: array, items: {$ref:
    /// Tree}}`), which Rust rejects as a cycle of type aliases: the first
    /// of each such cycle becomes any JSON, with a warning naming the
    /// cycle, which breaks it for the others.
    fn break_alias_cycles(&mut self) {
        for id in self.types.ids() {
            let Some(cycle) = self.types.alias_cycle(id) else {
                continue;
            };
            // As the spec names them: the last token of where each is.
            let names: Vec<String> = cycle
                .iter()
                .chain([&id])
                .map(|&member| {
                    let tokens = crate::pointer::tokens(self.types.location(member));
                    format!("`{}`", tokens.last().map_or("", String::as_str))
                })
                .collect();
            let at = Pointer::parse(self.types.location(id));
            self.diagnostics.warning(
                &at,
                format!(
                    "this schema holds itself with no object between ({}), which a Rust type alias cannot; typed as any JSON value",
                    names.join(" → ")
                ),
            );
            if let Some(def) = self.types.get_mut(id) {
                def.kind = TypeKind::Alias(TypeRef::Json);
            }
        }
    }

    /// Servers, with their variables' defaults filled in.
    fn servers(&mut self) -> Vec<Server> {
        let mut servers = Vec::new();
        for (i, server) in self.spec.servers.iter().enumerate() {
            let mut url = server.url.clone();
            let mut variables = Vec::new();
            for (name, variable) in server.variables.iter().flatten() {
                url = url.replace(&format!("{{{name}}}"), &variable.default);
                variables.push(ServerVariable {
                    name: name.clone(),
                    default: variable.default.clone(),
                    values: variable.enumeration.clone(),
                    description: variable.description.clone(),
                });
            }
            if url.contains('{') {
                let at = Pointer::root().join("servers").join(i);
                self.diagnostics.warning(
                    &at,
                    format!("server `{url}` uses a variable with no definition"),
                );
            }
            servers.push(Server {
                url,
                template: server.url.clone(),
                description: Docs::from_parts([server.description.as_deref()]),
                variables,
            });
        }
        servers
    }

    /// Follows `item` to what it is or refers to, reporting a located error
    /// at `at` if the reference leads nowhere.
    pub(super) fn resolve<'s, T: Component>(
        &mut self,
        item: &'s ReferenceOr<T>,
        at: &Pointer,
    ) -> Option<Resolved<'s, T>>
    where
        'a: 's,
    {
        self.follow(item, at, None)
    }

    /// [`Self::resolve`], but a reference to nothing (real specs have them)
    /// is a warning that ends with what becomes of it, `consequence`.
    pub(super) fn resolve_leniently<'s, T: Component>(
        &mut self,
        item: &'s ReferenceOr<T>,
        at: &Pointer,
        consequence: &str,
    ) -> Option<Resolved<'s, T>>
    where
        'a: 's,
    {
        self.follow(item, at, Some(consequence))
    }

    fn follow<'s, T: Component>(
        &mut self,
        item: &'s ReferenceOr<T>,
        at: &Pointer,
        lenient: Option<&str>,
    ) -> Option<Resolved<'s, T>>
    where
        'a: 's,
    {
        let problem = match self.resolver.resolve(item, at) {
            Ok(resolved) => return Some(resolved),
            // Reported where the file was to be read.
            Err(RefError::External(_)) => return None,
            Err(problem) => problem,
        };
        match (&problem, lenient) {
            (RefError::NoEntry { .. } | RefError::Nothing(_), Some(consequence)) => {
                let message = format!("{problem}; {consequence}");
                self.diagnostics.warning(at, message);
            }
            _ => self.diagnostics.error(at, problem.to_string()),
        }
        None
    }
}
