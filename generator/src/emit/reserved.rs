//! Names the emitted code uses for its own purposes, which no name taken
//! from a spec may shadow. The model claims these before any spec name;
//! a test parses emitted code and checks that these lists are complete.

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
pub(crate) const METHOD_LOCALS: &[&str] = &["request", "response", "body", "params", "value"];

/// Names emitted code uses unqualified: prelude types and variants, and its
/// own `Client`. A spec type with one of these names would shadow them.
pub(crate) const TYPE_NAMES: &[&str] = &[
    "Client", "Error", "Option", "Result", "String", "Vec", "Box", "Some", "None", "Ok", "Err",
];
