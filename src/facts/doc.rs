//! What the loader reads a case from: a tree of mappings, lists and scalars, whichever reader
//! built it. Two do: the YAML reader's nodes, each with its span (`yaml.rs`), and a JSON line's
//! tape, every node in one buffer, without spans (`json.rs`). The loader is written once, against
//! [`Doc`], and checks both alike.

use super::yaml::{CharSpan, Node};

/// One node's shape, its parts borrowed from the document.
pub enum Shape<'n, D: Doc<'n>> {
    /// A scalar: its text, and whether it was written plain (not quoted), as `true`, `12` and
    /// `null` are.
    Scalar { text: &'n str, plain: bool },
    /// A list's items.
    Seq(D::Items),
    /// A mapping's keys and values, in the order written.
    Map(D::Entries),
}

/// A node of a case's tree, cheap to copy (a reference, or a position in a tape).
pub trait Doc<'n>: Copy {
    /// A list's items.
    type Items: ExactSizeIterator<Item = Self>;
    /// A mapping's keys and values.
    type Entries: Iterator<Item = (Self, Self)>;

    /// What the node is.
    fn shape(self) -> Shape<'n, Self>;

    /// Where it is written (empty where the reader keeps no spans: a problem found then is
    /// placed by reading the text again with the YAML reader).
    fn span(self) -> CharSpan;

    /// The scalar's text, if the node is a scalar.
    #[inline]
    fn text(self) -> Option<&'n str> {
        match self.shape() {
            Shape::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// A plain `~`, `null` or empty scalar.
    #[inline]
    fn is_null(self) -> bool {
        matches!(self.shape(), Shape::Scalar { text, plain: true } if is_null_text(text))
    }
}

/// The spellings of null that YAML reads from a plain scalar.
pub fn is_null_text(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// A mapping's entries in the YAML reader's tree, each as two nodes.
pub struct Pairs<'n, 't>(std::slice::Iter<'n, (Node<'t>, Node<'t>)>);

impl<'n, 't> Iterator for Pairs<'n, 't> {
    type Item = (&'n Node<'t>, &'n Node<'t>);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (k, v))
    }
}

impl<'n, 't> Doc<'n> for &'n Node<'t> {
    type Items = std::slice::Iter<'n, Node<'t>>;
    type Entries = Pairs<'n, 't>;

    #[inline]
    fn shape(self) -> Shape<'n, Self> {
        match self {
            Node::Scalar { text, plain, .. } => Shape::Scalar { text, plain: *plain },
            Node::Seq { items, .. } => Shape::Seq(items.iter()),
            Node::Map { entries, .. } => Shape::Map(Pairs(entries.iter())),
        }
    }

    #[inline]
    fn span(self) -> CharSpan {
        Node::span(self)
    }
}
