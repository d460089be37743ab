//! Frames given back once their case is decided, kept for the next case this thread reads the
//! fast way ([`super::load_json`]): its globals, lists, members and texts are filled again in
//! the room the last case left, instead of a dozen new allocations a case.

use crate::program::frame::{Frame, Member, Status};
use crate::program::ir::Value;
use std::cell::RefCell;

/// At most this many members are kept for the next case (a case has a few; a large one leaves
/// no more than this behind).
const MEMBERS: usize = 64;

/// What a thread keeps: a frame, and the members of its lists.
#[derive(Default)]
pub(super) struct Spare {
    pub frame: Option<Frame>,
    pub members: Vec<Member>,
}

impl Spare {
    /// The kept frame, emptied: `globals` absent slots, `lists` empty lists, no texts.
    pub fn frame(&mut self, globals: usize, lists: usize) -> Option<Frame> {
        let mut f = self.frame.take()?;
        f.globals.clear();
        f.globals.resize(globals, Value::Null);
        f.lists.iter_mut().for_each(Vec::clear);
        f.lists.resize_with(lists, Vec::new);
        f.texts.clear();
        f.given.clear();
        f.status.clear();
        f.conflicts.clear();
        f.define_conflicts.clear();
        f.unknown.clear();
        Some(f)
    }

    /// A kept member, emptied: `width` absent slots, `rules` rules unseen.
    pub fn member(&mut self, width: usize, rules: usize) -> Option<Member> {
        let mut m = self.members.pop()?;
        m.vals.clear();
        m.vals.resize(width, Value::Null);
        m.status.clear();
        m.status.resize(rules, Status::Unseen);
        m.given = 0;
        Some(m)
    }
}

thread_local! {
    static SPARE: RefCell<Spare> = RefCell::new(Spare::default());
}

/// The most members and bytes of text a frame given back may hold and be kept.
const KEPT: usize = 1 << 16;

/// Keeps a decided case's frame for the next case this thread reads the fast way. The frame of a
/// very large case is let go instead: a thread keeps no more room than usual cases need.
pub fn recycle(mut f: Frame) {
    let members: usize = f.lists.iter().map(Vec::len).sum();
    if members + f.texts.parts().0.len() > KEPT {
        return;
    }
    SPARE.with_borrow_mut(|s| {
        for list in f.lists.iter_mut() {
            let room = MEMBERS.saturating_sub(s.members.len());
            s.members.extend(list.drain(..).take(room));
        }
        s.frame = Some(f);
    });
}

/// What this thread kept, taken (nothing is shared while a case is read).
pub(super) fn take() -> Spare {
    SPARE.with_borrow_mut(std::mem::take)
}

/// Gives back the members a case did not use (and a frame it did not keep): what [`take`] left
/// empty, since nothing else is kept while a case is read.
pub(super) fn give_back(spare: Spare) {
    SPARE.with_borrow_mut(|s| *s = spare);
}
