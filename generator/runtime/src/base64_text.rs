//! How base64 text (`format: byte`) is read. Self-contained: the
//! generator's example lint reads examples with this same file.

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// Padded or not, and the last character's unused bits ignored: RFC 4648
/// lets a decoder accept them set, as some encoders (and many examples
/// written by hand) leave them.
const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_decode_padding_mode(DecodePaddingMode::Indifferent)
    .with_decode_allow_trailing_bits(true);

/// The standard alphabet, then the URL-safe one.
const ENGINES: [GeneralPurpose; 2] = [
    GeneralPurpose::new(&alphabet::STANDARD, LENIENT),
    GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT),
];

/// The bytes `text` encodes in either alphabet, padded or not; line breaks
/// and other ASCII white space (MIME's lines of 76 characters) are
/// skipped.
pub(crate) fn decode(text: &str) -> Result<Vec<u8>, base64::DecodeError> {
    match decode_exactly(text) {
        Err(error) if text.bytes().any(|b| b.is_ascii_whitespace()) => {
            let joined: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
            decode_exactly(&joined).map_err(|_| error)
        }
        result => result,
    }
}

fn decode_exactly(text: &str) -> Result<Vec<u8>, base64::DecodeError> {
    let mut last = None;
    for engine in &ENGINES {
        match engine.decode(text) {
            Ok(bytes) => return Ok(bytes),
            Err(error) => last = Some(error),
        }
    }
    Err(last.unwrap_or(base64::DecodeError::InvalidPadding))
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn reads_both_alphabets_padded_or_not() {
        for text in ["+/8B", "-_8B", "aGk=", "aGk"] {
            assert!(decode(text).is_ok(), "{text}");
        }
        assert_eq!(decode("-_8B").unwrap(), [0xfb, 0xff, 0x01]);
        assert_eq!(decode("aGk").unwrap(), b"hi");
    }

    #[test]
    fn reads_unused_bits_set_and_line_breaks() {
        // `aGl=` sets bits `aGk=` leaves clear: both are "hi".
        assert_eq!(decode("aGl=").unwrap(), b"hi");
        assert_eq!(decode("aGVs\r\nbG8=\n").unwrap(), b"hello");
    }

    #[test]
    fn refuses_what_is_not_base64() {
        for text in ["not base64!", "a", "aGk=x", "=aGk"] {
            assert!(decode(text).is_err(), "{text}");
        }
    }
}
