//! Names the emitted code uses for its own purposes, which no name taken
//! from a spec may shadow. The model claims these before any spec name;
//! a test parses emitted code and checks that these lists are complete.

/// The cargo features every generated crate has whatever its specs:
/// `default`, `full` (every module), `fake` (the in-process fake),
/// [`SERDE_BOTH_WAYS`] and the TLS backends (`runtime::TLS`). A module's or
/// a tag's feature never takes one of these names.
pub(crate) const CRATE_FEATURES: &[&str] = &[
    "default",
    "full",
    "fake",
    SERDE_BOTH_WAYS,
    "rustls",
    "rustls-ring",
    "native-tls",
];

/// The feature that gives every type both serde impls, where those that
/// travel one way otherwise have only the one they need (the runtime's
/// `serde_object!` names it too). `fake` turns it on.
pub(crate) const SERDE_BOTH_WAYS: &str = "serde-both-ways";

/// Methods every generated `Client` has besides its operations.
pub(crate) const CLIENT_METHODS: &[&str] = &[
    "new",
    "builder",
    "with_default_server",
    "base_url",
    "with_options",
    "clone",
    "fmt",
];

/// Locals and arguments of generated methods besides the operation's own
/// parameters.
pub(crate) const METHOD_LOCALS: &[&str] =
    &["request", "response", "body", "params", "value", "call"];

/// Methods every request builder (and optional-parameters struct) has
/// besides the setters named after the operation's optional parameters.
pub(crate) const BUILDER_METHODS: &[&str] = &[
    "timeout",
    "header",
    "retry",
    "options",
    "accept",
    "stream",
    "events",
    "pages",
    "items",
    "params",
    "body",
    "into_future",
    "prepare",
    "decode",
    "clone",
    "default",
    "fmt",
];

/// Methods a struct a caller builds has besides the setters named after its
/// fields: its constructor and the methods of the traits it implements. A
/// field with one of these names gets no setter (it is set directly).
pub(crate) const STRUCT_METHODS: &[&str] = &[
    "new",
    "default",
    "clone",
    "fmt",
    "eq",
    "ne",
    "serialize",
    "deserialize",
];

/// Names emitted code uses unqualified: prelude types and variants, and its
/// own `Client`. A spec type with one of these names would shadow them.
pub(crate) const TYPE_NAMES: &[&str] = &[
    "Client", "Error", "Option", "Result", "String", "Vec", "Box", "Some", "None", "Ok", "Err",
];

#[cfg(test)]
mod tests {
    //! Walks the code emitted for the fixture specs and checks that every
    //! name the emitter introduces is declared above.

    use std::collections::BTreeSet;
    use std::path::Path;

    use syn::visit::Visit;

    use super::*;
    use crate::diagnostics::Diagnostics;
    use crate::model::{Api, build_api};
    use crate::parse::parse_spec;

    /// Each fixture spec's model and its emitted files, parsed.
    fn fixtures() -> Vec<(Api, Vec<syn::File>)> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let specs = crate::SpecSource::read_dir(&dir, "fixtures").unwrap();
        assert!(specs.len() >= 5, "the fixture specs are there");
        specs
            .iter()
            .map(|spec| {
                let mut diagnostics = Diagnostics::new(&spec.label);
                let document = parse_spec(spec, false, &mut diagnostics).unwrap();
                let api = build_api(
                    &document,
                    &spec.module,
                    &spec.label,
                    crate::model::ModelOptions::default(),
                    &mut diagnostics,
                )
                .unwrap_or_else(|| panic!("{:?}", diagnostics.into_vec()));
                let files = crate::emit::ModuleFile::all(&api, false)
                    .into_iter()
                    .map(|file| syn::parse2(file.emit(&api)).unwrap())
                    .collect();
                (api, files)
            })
            .collect()
    }

    fn is_client(ty: &syn::Type) -> bool {
        matches!(ty, syn::Type::Path(p) if p.path.is_ident("Client"))
    }

    /// Every identifier a pattern binds in a method (arguments, `let`,
    /// `if let`, closures, match arms).
    #[derive(Default)]
    struct Bindings(BTreeSet<String>);

    impl Visit<'_> for Bindings {
        fn visit_pat_ident(&mut self, i: &syn::PatIdent) {
            self.0.insert(i.ident.to_string());
            syn::visit::visit_pat_ident(self, i);
        }
    }

    /// The builder an `impl` block is for, if it is one.
    fn builder<'a>(api: &'a Api, ty: &syn::Type) -> Option<&'a crate::model::Operation> {
        let syn::Type::Path(path) = ty else {
            return None;
        };
        let name = path.path.get_ident()?.to_string();
        api.operations.iter().find(|op| op.request_struct == name)
    }

    #[test]
    fn client_methods_and_method_locals_are_declared() {
        let mut non_operations = BTreeSet::new();
        let mut builder_methods = BTreeSet::new();
        let mut locals = BTreeSet::new();
        for (api, files) in fixtures() {
            for item in files.iter().flat_map(|f| &f.items) {
                let syn::Item::Impl(block) = item else {
                    continue;
                };
                let op = builder(&api, &block.self_ty);
                if op.is_none() && !(block.trait_.is_none() && is_client(&block.self_ty)) {
                    continue;
                }
                // `Paginated::items` takes only the page: no parameter is
                // in scope there to be shadowed.
                let paginated = block.trait_.as_ref().is_some_and(|(path, _)| {
                    path.segments.last().is_some_and(|s| s.ident == "Paginated")
                });
                if paginated {
                    continue;
                }
                for item in &block.items {
                    let syn::ImplItem::Fn(method) = item else {
                        continue;
                    };
                    let name = method.sig.ident.to_string();
                    let op = op.or_else(|| api.operations.iter().find(|op| op.method_name == name));
                    let Some(op) = op else {
                        non_operations.insert(name);
                        continue;
                    };
                    let setter = op.parameters.iter().any(|p| !p.required && p.name == name);
                    if block.trait_.is_none() && op.method_name != name && !setter {
                        builder_methods.insert(name);
                    }
                    let mut bindings = Bindings::default();
                    bindings.visit_impl_item_fn(method);
                    for bound in bindings.0 {
                        if !op.parameters.iter().any(|p| p.name == bound) {
                            locals.insert(bound);
                        }
                    }
                }
            }
        }
        for method in &non_operations {
            assert!(
                CLIENT_METHODS.contains(&method.as_str()),
                "`{method}` is not in CLIENT_METHODS"
            );
        }
        // And those the runtime's macros add to every builder, and to
        // those of operations that page.
        let macros = [
            ("call.rs", "macro_rules! __request_methods"),
            ("pages.rs", "macro_rules! __page_methods"),
        ];
        for (file, start) in macros {
            let runtime = std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("runtime/src")
                    .join(file),
            )
            .unwrap();
            let macro_body = &runtime[runtime.find(start).unwrap()..];
            for line in macro_body.lines() {
                if let Some(rest) = line.trim_start().strip_prefix("pub fn ") {
                    builder_methods.insert(rest.split('(').next().unwrap().to_owned());
                }
            }
        }
        for method in &builder_methods {
            assert!(
                BUILDER_METHODS.contains(&method.as_str()),
                "`{method}` is not in BUILDER_METHODS"
            );
        }
        for local in &locals {
            assert!(
                METHOD_LOCALS.contains(&local.as_str()),
                "`{local}` is not in METHOD_LOCALS"
            );
        }
        assert!(
            non_operations.len() >= 4 && locals.len() >= 4 && builder_methods.len() >= 8,
            "{non_operations:?} {locals:?} {builder_methods:?}"
        );
    }

    /// Capitalised one-segment paths (types, constructors), and the names
    /// the file itself declares.
    #[derive(Default)]
    struct Names {
        used: BTreeSet<String>,
        declared: BTreeSet<String>,
    }

    impl Visit<'_> for Names {
        fn visit_path(&mut self, path: &syn::Path) {
            if path.leading_colon.is_none() && path.segments.len() == 1 {
                let ident = path.segments[0].ident.to_string();
                if ident.starts_with(char::is_uppercase) {
                    self.used.insert(ident);
                }
            }
            syn::visit::visit_path(self, path);
        }

        fn visit_item(&mut self, item: &syn::Item) {
            let declared = match item {
                syn::Item::Struct(i) => Some(&i.ident),
                syn::Item::Enum(i) => Some(&i.ident),
                syn::Item::Type(i) => Some(&i.ident),
                syn::Item::Const(i) => Some(&i.ident),
                _ => None,
            };
            self.declared.extend(declared.map(ToString::to_string));
            syn::visit::visit_item(self, item);
        }

        fn visit_type_param(&mut self, param: &syn::TypeParam) {
            self.declared.insert(param.ident.to_string());
            syn::visit::visit_type_param(self, param);
        }
    }

    #[test]
    fn unqualified_names_in_emitted_code_are_declared() {
        let mut names = Names::default();
        for (_, files) in fixtures() {
            for file in &files {
                names.visit_file(file);
            }
        }
        let undeclared: BTreeSet<&String> = names
            .used
            .iter()
            .filter(|n| !names.declared.contains(*n) && *n != "Self")
            .collect();
        for name in &undeclared {
            assert!(
                TYPE_NAMES.contains(&name.as_str()),
                "`{name}` is not in TYPE_NAMES"
            );
        }
        assert!(undeclared.len() >= 6, "{undeclared:?}");
    }
}
