//! Builds an [`Api`] from an `openapiv3` document, reporting every problem.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{OpenAPI, ReferenceOr};

use super::{Api, BodyKind, Docs, Server, TypeDef, TypeKind, TypeRef};
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
    let servers = builder.servers();
    let mut api = Api {
        module: name::snake(module),
        feature: module.to_owned(),
        source: source.to_owned(),
        title: spec.info.title.clone(),
        version: spec.info.version.clone(),
        description: Docs::from_parts([spec.info.description.as_deref()]),
        servers,
        security_schemes: security_scheme_docs(spec),
        types: builder.types,
        operations,
    };
    merge_identical_inline_types(&mut api);
    box_cycles(&mut api.types);
    mark_double_options(&mut api);
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
    /// Types of `$ref`s into the middle of other schemas, by reference.
    pub pointer_types: BTreeMap<String, TypeRef>,
    pub pointers_in_progress: BTreeSet<String>,
    /// Security scheme name to the name of its module-level `const`.
    pub scheme_consts: BTreeMap<String, String>,
    pub const_names: Namespace,
    /// The document as JSON, made when a `$ref` first needs it.
    raw: Option<serde_json::Value>,
}

impl<'a> Builder<'a> {
    fn new(spec: &'a OpenAPI, diagnostics: &'a mut Diagnostics) -> Self {
        Self {
            spec,
            diagnostics,
            types: Vec::new(),
            type_names: Namespace::default(),
            component_types: BTreeMap::new(),
            pointer_types: BTreeMap::new(),
            pointers_in_progress: BTreeSet::new(),
            scheme_consts: BTreeMap::new(),
            const_names: Namespace::default(),
            raw: None,
        }
    }

    /// The whole document as JSON, for `$ref`s that are JSON pointers.
    pub fn raw_document(&mut self) -> &serde_json::Value {
        let spec = self.spec;
        self.raw
            .get_or_insert_with(|| serde_json::to_value(spec).unwrap_or_default())
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

    /// Servers with their variables' defaults filled in.
    fn servers(&mut self) -> Vec<Server> {
        let mut servers = Vec::new();
        for (i, server) in self.spec.servers.iter().enumerate() {
            let mut url = server.url.clone();
            let mut docs = Docs::from_parts([server.description.as_deref()]);
            for (name, variable) in server.variables.iter().flatten() {
                url = url.replace(&format!("{{{name}}}"), &variable.default);
                let mut line = format!("`{{{name}}}` defaults to `{}`", variable.default);
                if !variable.enumeration.is_empty() {
                    line.push_str(&format!(" (one of: {})", variable.enumeration.join(", ")));
                }
                if let Some(description) = &variable.description {
                    line.push_str(&format!(": {description}"));
                }
                docs.push(line);
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
                description: docs,
            });
        }
        servers
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
        // A chain of references longer than this is a cycle.
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
                        None if !reference.starts_with('#') => {
                            self.diagnostics.error(
                                pointer,
                                format!("`$ref: {reference}` points into another file; external references are not supported yet"),
                            );
                            return None;
                        }
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

/// How each declared security scheme works, in words.
fn security_scheme_docs(spec: &OpenAPI) -> Vec<(String, String)> {
    use openapiv3::SecurityScheme as S;
    let Some(components) = &spec.components else {
        return Vec::new();
    };
    components
        .security_schemes
        .iter()
        .filter_map(|(name, scheme)| {
            let ReferenceOr::Item(scheme) = scheme else {
                return None;
            };
            let (how, description) = match scheme {
                S::APIKey {
                    location,
                    name,
                    description,
                    ..
                } => {
                    let location = format!("{location:?}").to_lowercase();
                    (format!("API key `{name}` in the {location}"), description)
                }
                S::HTTP {
                    scheme,
                    description,
                    ..
                } => (format!("http `{scheme}`"), description),
                S::OAuth2 {
                    flows, description, ..
                } => {
                    let mut how = "OAuth 2 bearer token".to_owned();
                    let urls = [
                        flows.implicit.as_ref().map(|f| &f.authorization_url),
                        flows
                            .authorization_code
                            .as_ref()
                            .map(|f| &f.authorization_url),
                    ];
                    if let Some(url) = urls.into_iter().flatten().next() {
                        how.push_str(&format!(", authorization URL {url}"));
                    }
                    (how, description)
                }
                S::OpenIDConnect {
                    open_id_connect_url,
                    description,
                    ..
                } => (
                    format!("OpenID Connect bearer token, discovery at {open_id_connect_url}"),
                    description,
                ),
            };
            let text = match description {
                Some(description) => format!("{how}: {description}"),
                None => how,
            };
            Some((name.clone(), text))
        })
        .collect()
}

/// Specs repeat the same inline schema in many places (GitHub's has hundreds
/// of identical `User` objects). Identical inline types, docs included, are
/// merged into the first, repeatedly, since merging children can make their
/// parents identical too.
fn merge_identical_inline_types(api: &mut Api) {
    loop {
        let mut first_by_shape: BTreeMap<String, String> = BTreeMap::new();
        let mut replaced: BTreeMap<String, String> = BTreeMap::new();
        for def in api.types.iter().filter(|t| t.inline) {
            let shape = format!(
                "{:?}|{:?}|{}",
                def.kind, def.docs.paragraphs, def.deprecated
            );
            match first_by_shape.get(&shape) {
                Some(first) => {
                    replaced.insert(def.name.clone(), first.clone());
                }
                None => {
                    first_by_shape.insert(shape, def.name.clone());
                }
            }
        }
        if replaced.is_empty() {
            return;
        }
        api.types.retain(|t| !replaced.contains_key(&t.name));
        api.type_refs_mut().for_each(|ty| ty.rename(&replaced));
    }
}

/// The named types `ty` holds inline (not behind a `Vec` or map), which
/// would make a type infinitely large if they contained it back.
fn direct_names(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(name) => Some(name),
        _ => None,
    }
}

/// Boxes fields and variants that close a cycle of types containing each
/// other by value (e.g. `Node { parent: Option<Node> }`).
fn box_cycles(types: &mut [TypeDef]) {
    let index: BTreeMap<String, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.clone(), i))
        .collect();
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|t| {
            let direct: Vec<&TypeRef> = match &t.kind {
                TypeKind::Struct { fields } => fields.iter().map(|f| &f.ty).collect(),
                TypeKind::OneOf { variants, .. } => variants.iter().map(|v| &v.ty).collect(),
                TypeKind::Alias(ty) => vec![ty],
                _ => Vec::new(),
            };
            direct
                .into_iter()
                .filter_map(direct_names)
                .filter_map(|n| index.get(n).copied())
                .collect()
        })
        .collect();
    let reaches = |from: usize, to: usize| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from];
        while let Some(node) = stack.pop() {
            if node == to {
                return true;
            }
            if seen.insert(node) {
                stack.extend(&edges[node]);
            }
        }
        false
    };
    let mut boxes: Vec<(usize, usize)> = Vec::new();
    for (i, t) in types.iter().enumerate() {
        let direct: Vec<&TypeRef> = match &t.kind {
            TypeKind::Struct { fields } => fields.iter().map(|f| &f.ty).collect(),
            TypeKind::OneOf { variants, .. } => variants.iter().map(|v| &v.ty).collect(),
            _ => continue,
        };
        for (member, ty) in direct.into_iter().enumerate() {
            if let Some(&target) = direct_names(ty).and_then(|n| index.get(n))
                && reaches(target, i)
            {
                boxes.push((i, member));
            }
        }
    }
    for (i, member) in boxes {
        match &mut types[i].kind {
            TypeKind::Struct { fields } => fields[member].boxed = true,
            TypeKind::OneOf { variants, .. } => variants[member].boxed = true,
            _ => {}
        }
    }
}

/// In types sent as request bodies, an optional nullable property can mean
/// three things (leave alone, set to `null`, set to a value), so it becomes
/// `Option<Option<T>>`. Response-only types keep a plain `Option<T>`.
fn mark_double_options(api: &mut Api) {
    let mut pending: Vec<String> = Vec::new();
    for op in &api.operations {
        for content in op.body.iter().flat_map(|b| &b.content) {
            if let BodyKind::Json(ty) | BodyKind::Form(ty) = &content.kind {
                collect_names(ty, &mut pending);
            }
        }
    }
    let mut sent = BTreeSet::new();
    while let Some(name) = pending.pop() {
        if !sent.insert(name.clone()) {
            continue;
        }
        let Some(def) = api.types.iter().find(|t| t.name == name) else {
            continue;
        };
        match &def.kind {
            TypeKind::Struct { fields } => fields
                .iter()
                .for_each(|f| collect_names(&f.ty, &mut pending)),
            TypeKind::OneOf { variants, .. } => variants
                .iter()
                .for_each(|v| collect_names(&v.ty, &mut pending)),
            TypeKind::Alias(ty) => collect_names(ty, &mut pending),
            _ => {}
        }
    }
    for def in api.types.iter_mut().filter(|t| sent.contains(&t.name)) {
        if let TypeKind::Struct { fields } = &mut def.kind {
            for field in fields.iter_mut() {
                field.double_option = field.optional && field.nullable;
            }
        }
    }
}

fn collect_names(ty: &TypeRef, into: &mut Vec<String>) {
    match ty {
        TypeRef::Named(name) => into.push(name.clone()),
        TypeRef::List(inner) | TypeRef::Map(inner) => collect_names(inner, into),
        _ => {}
    }
}
