//! Security schemes, and each operation's security requirement.

use openapiv3::{APIKeyLocation, SecurityScheme as SpecScheme};

use super::build::Builder;
use super::{ApiKeyLocation, SchemeId, SchemeKind, SecurityRequirement, SecuritySchemeDef};
use crate::name::{self, Namespace};
use crate::pointer::Pointer;
use crate::resolve::RefError;

impl Builder<'_> {
    /// Every scheme under `components/securitySchemes`, in document order.
    /// One that leads nowhere is left out here and reported where used.
    pub(super) fn declare_security_schemes(&mut self) {
        let Some(components) = &self.spec.components else {
            return;
        };
        let base = Pointer::root().join("components").join("securitySchemes");
        let mut consts = Namespace::default();
        for (name, scheme) in &components.security_schemes {
            let Ok(scheme) = self.resolver.resolve(scheme, &base.join(name)) else {
                continue;
            };
            let (kind, description) = facts(&scheme.item);
            self.schemes.push(SecuritySchemeDef {
                name: name.clone(),
                const_name: consts.claim(name::scheme_const(name)),
                kind,
                description: description.clone(),
            });
        }
    }

    /// The alternatives an operation accepts: its own `security`, or the
    /// spec's. Empty when no credentials are sent.
    pub(super) fn security(
        &mut self,
        op: &openapiv3::Operation,
        at: &Pointer,
    ) -> Vec<SecurityRequirement> {
        let (requirements, req_at) = match &op.security {
            Some(list) => (list, at.join("security")),
            None => match &self.spec.security {
                Some(list) => (list, Pointer::root().join("security")),
                None => return Vec::new(),
            },
        };
        let mut alternatives = Vec::new();
        for (i, requirement) in requirements.iter().enumerate() {
            let mut schemes = Vec::new();
            for scheme_name in requirement.keys() {
                let scheme_at = req_at.join(i).join(scheme_name);
                match self.usable_scheme(scheme_name) {
                    Ok(id) => schemes.push(id),
                    // This alternative cannot be met; the others still can.
                    Err(problem) => {
                        self.diagnostics.warning(
                            &scheme_at,
                            format!("{problem}; this alternative is left out (send its credentials with a hook)"),
                        );
                        schemes.clear();
                        break;
                    }
                }
            }
            if !schemes.is_empty() || requirement.is_empty() {
                alternatives.push(SecurityRequirement { schemes });
            }
        }
        // `security: [{}]` means "no credentials", the same as no requirement.
        if alternatives.iter().all(|a| a.schemes.is_empty()) {
            alternatives.clear();
        }
        alternatives
    }
}

impl Builder<'_> {
    /// The declared scheme named `name`, if the client can send it.
    fn usable_scheme(&self, name: &str) -> Result<SchemeId, String> {
        let Some(index) = self.schemes.iter().position(|s| s.name == name) else {
            let problem = RefError::NoEntry {
                reference: format!("#/components/securitySchemes/{name}"),
                kind: "securitySchemes",
            };
            return Err(problem.to_string());
        };
        match &self.schemes[index].kind {
            SchemeKind::Http { scheme } if self.schemes[index].kind.credential().is_none() => {
                Err(format!("http auth scheme `{scheme}` is not supported"))
            }
            _ => Ok(SchemeId(index)),
        }
    }
}

/// What a scheme is, and its description.
fn facts(scheme: &SpecScheme) -> (SchemeKind, &Option<String>) {
    let kind = match scheme {
        SpecScheme::APIKey { location, name, .. } => SchemeKind::ApiKey {
            name: name.clone(),
            location: match location {
                APIKeyLocation::Header => ApiKeyLocation::Header,
                APIKeyLocation::Query => ApiKeyLocation::Query,
                APIKeyLocation::Cookie => ApiKeyLocation::Cookie,
            },
        },
        SpecScheme::HTTP { scheme, .. } => SchemeKind::Http {
            scheme: scheme.clone(),
        },
        SpecScheme::OAuth2 { flows, .. } => {
            let implicit = flows.implicit.as_ref().map(|f| &f.authorization_url);
            let code = flows.authorization_code.as_ref();
            SchemeKind::OAuth2 {
                authorization_url: implicit.or(code.map(|f| &f.authorization_url)).cloned(),
            }
        }
        SpecScheme::OpenIDConnect {
            open_id_connect_url,
            ..
        } => SchemeKind::OpenIdConnect {
            discovery_url: open_id_connect_url.clone(),
        },
    };
    let (SpecScheme::APIKey { description, .. }
    | SpecScheme::HTTP { description, .. }
    | SpecScheme::OAuth2 { description, .. }
    | SpecScheme::OpenIDConnect { description, .. }) = scheme;
    (kind, description)
}
