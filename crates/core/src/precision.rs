//! Numeric formats for weights, KV cache and arithmetic.

/// A number format used for weights, the KV cache or arithmetic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Precision {
    /// bfloat16.
    Bf16,
    /// IEEE half precision (same size and, on the chips catalogued, same rate as BF16).
    Fp16,
    /// 8-bit floating point (E4M3/E5M2), with block or tensor scales.
    Fp8,
    /// 8-bit integer.
    Int8,
    /// 4-bit integer, group-quantised (GPTQ/AWQ/GGUF Q4).
    Int4,
    /// 4-bit floating point with block scales (NVFP4, MXFP4).
    Fp4,
}

impl Precision {
    /// Every precision, in display order.
    pub const ALL: [Precision; 6] = [
        Precision::Bf16,
        Precision::Fp16,
        Precision::Fp8,
        Precision::Int8,
        Precision::Int4,
        Precision::Fp4,
    ];

    /// Bytes per stored element, including the block scales the format carries.
    ///
    /// FP8 and INT8 are counted at 1 byte (per-tensor or 128×128-block scales add < 0.1 %).
    /// INT4 with 16-bit scales per 32-element group (GGUF Q4_0, 4.5 bits) and FP4 with an 8-bit
    /// scale per 16 elements (NVFP4, 4.5 bits) are both counted at 4.5 bits.
    #[must_use]
    pub fn bytes_per_element(self) -> f64 {
        match self {
            Precision::Bf16 | Precision::Fp16 => 2.0,
            Precision::Fp8 | Precision::Int8 => 1.0,
            Precision::Int4 | Precision::Fp4 => 4.5 / 8.0,
        }
    }

    /// The lowercase label used in files (`bf16`, `fp8`...).
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Precision::Bf16 => "bf16",
            Precision::Fp16 => "fp16",
            Precision::Fp8 => "fp8",
            Precision::Int8 => "int8",
            Precision::Int4 => "int4",
            Precision::Fp4 => "fp4",
        }
    }

    /// Parses a label (`bf16`, `fp16`, `fp8`, `int8`, `int4`, `fp4`).
    #[must_use]
    pub fn from_label(s: &str) -> Option<Self> {
        Precision::ALL.into_iter().find(|p| p.label() == s)
    }
}
