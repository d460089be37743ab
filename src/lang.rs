//! The language zeren speaks to people in: Chinese, which governs, or the English working
//! translation. Every label of the vocabulary has both.

/// The language of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    /// Chinese: the text that governs.
    #[default]
    Zh,
    /// The English working translation.
    En,
}

impl Lang {
    /// Whether it is English.
    pub fn en(self) -> bool {
        self == Lang::En
    }
}
