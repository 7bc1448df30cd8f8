//! Fast path: a direct, single-pass parser for the subset of YAML (and JSON) that real
//! manifests are written in, building the same positioned tree as the event-based builder.
//!
//! It gives up ("bails") on anything outside that subset or anything it is not sure about —
//! anchors, aliases, tags, directives, merge keys, multi-line plain or quoted scalars, explicit
//! keys, tabs in indentation, CR line breaks, control characters, syntax errors — and the caller
//! then reads the input again with the full parser (granit-parser), skipping the documents the
//! fast path already handed out. So behaviour (values, positions, duplicate-key reports, error
//! messages) is the full parser's by construction wherever the fast path does not apply, and a
//! differential test (`tests` below, plus the fuzz target) checks that both agree wherever it
//! does.
//!
//! Position conventions follow granit-parser's spans: a block mapping starts at its first key, a
//! block sequence at its first `-` (an "indentless" sequence, written at its key's indentation,
//! at the first item's content), a block scalar at its first content line, a flow collection at
//! its bracket, a quoted scalar at its opening quote, and an empty value right after its `:` or
//! `-`.

use std::borrow::Cow;

use super::{
    Document, Key, KeyIndex, MAX_NODES_PER_DOCUMENT, Node, Pos, Problem, ProblemKind, Value,
    key_string, resolve_plain,
};

/// Not in the subset: let the full parser decide.
pub(super) struct Bail;

type R<T> = Result<T, Bail>;

/// Deepest nesting the fast path handles (the full parser handles, and limits, deeper input).
const MAX_FAST_DEPTH: usize = 64;
/// Longest implicit key (YAML allows 1024 characters; stay clear of the edge).
const MAX_KEY_LEN: usize = 1000;

/// Lookahead after a block node: the indentation of the next content line, or `END` at the end
/// of the stream or at a document marker.
const END: i32 = -1;

/// Parse `text`, handing each document to `emit`. `Err(n)` when the fast path gave up after
/// handing out `n` documents.
pub(super) fn run(text: &str, emit: &mut dyn FnMut(Document)) -> Result<(), usize> {
    let mut emitted = 0usize;
    if !printable(text) {
        return Err(0);
    }
    let mut p = P {
        text,
        b: text.as_bytes(),
        i: 0,
        line: 1,
        line_start: 0,
        nodes: 0,
        depth: 0,
        path: Vec::new(),
        problems: Vec::new(),
        entries: Vec::new(),
        items: Vec::new(),
        col_cache: std::cell::Cell::new((usize::MAX, 0, 0)),
    };
    let mut counting = |d: Document| {
        emitted += 1;
        emit(d);
    };
    match p.stream(&mut counting) {
        Ok(()) => Ok(()),
        Err(Bail) => {
            #[cfg(test)]
            eprintln!("fast path gave up at line {} byte {}", p.line, p.i);
            Err(emitted)
        }
    }
}

/// Only characters the fast path treats like the full parser: no CR (a line break there), no
/// control characters, no NEL / line or paragraph separators / BOM / non-characters.
fn printable(text: &str) -> bool {
    // Branch-free per chunk, so the compiler can vectorise it.
    let bad = |b: u8| (b < 0x20) & (b != b'\n') & (b != b'\t') | (b == 0x7f);
    let bad_ascii = text
        .as_bytes()
        .chunks(256)
        .any(|c| c.iter().fold(false, |acc, &b| acc | bad(b)));
    if bad_ascii {
        return false;
    }
    if text.is_ascii() {
        return true;
    }
    !text.chars().any(|c| {
        matches!(
            c,
            '\u{80}'..='\u{9F}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
        )
    })
}

enum Seg<'a> {
    Key(Cow<'a, str>),
    Idx(usize),
}

struct P<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
    line: u32,
    line_start: usize,
    nodes: usize,
    depth: usize,
    path: Vec<Seg<'a>>,
    problems: Vec<Problem>,
    /// Entries and items of the collections being read, innermost last; each collection is
    /// moved out into an exactly sized `Vec` when it ends (no growth reallocations).
    entries: Vec<(Key, Node)>,
    items: Vec<Node>,
    /// (line start, byte, characters from the line start to that byte) of the last position.
    col_cache: std::cell::Cell<(usize, usize, usize)>,
}

#[inline]
fn is_blank_or_end(b: Option<&u8>) -> bool {
    matches!(b, None | Some(b' ') | Some(b'\n'))
}

impl<'a> P<'a> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    #[inline]
    fn at(&self, j: usize) -> Option<&u8> {
        self.b.get(j)
    }

    /// Position of byte `i` on the current line. Columns count characters; the last answer is
    /// cached so that positions along one long line (minified JSON) cost linear time in all.
    fn pos_at(&self, i: usize) -> Pos {
        let (ls, ci, cc) = self.col_cache.get();
        let (from, base) = if ls == self.line_start && ci <= i {
            (ci, cc)
        } else {
            (self.line_start, 0)
        };
        let part = &self.b[from..i];
        let col = base
            + if part.is_ascii() {
                part.len()
            } else {
                self.text[from..i].chars().count()
            };
        self.col_cache.set((self.line_start, i, col));
        Pos {
            line: self.line,
            col: col as u32 + 1,
        }
    }

    #[inline]
    fn pos(&self) -> Pos {
        self.pos_at(self.i)
    }

    /// Byte column of the cursor (indentation is spaces only, so bytes are columns there).
    #[inline]
    fn col(&self) -> i32 {
        (self.i - self.line_start) as i32
    }

    fn count(&mut self) -> R<()> {
        self.nodes += 1;
        if self.nodes > MAX_NODES_PER_DOCUMENT / 2 {
            return Err(Bail);
        }
        Ok(())
    }

    fn enter(&mut self) -> R<()> {
        self.depth += 1;
        if self.depth > MAX_FAST_DEPTH {
            return Err(Bail);
        }
        Ok(())
    }

    fn newline(&mut self) {
        // self.b[self.i] == b'\n'
        self.i += 1;
        self.line += 1;
        self.line_start = self.i;
    }

    /// From the start of a line: skip blank and comment-only lines. Returns the indentation of
    /// the next content line with the cursor on its first character, or `END` at the end of the
    /// stream or at a `---` marker (cursor on the marker).
    fn next_line(&mut self) -> R<i32> {
        loop {
            let start = self.i;
            while self.peek() == Some(b' ') {
                self.i += 1;
            }
            match self.peek() {
                None => return Ok(END),
                Some(b'\n') => self.newline(),
                Some(b'\t') => return Err(Bail),
                Some(b'#') => {
                    self.skip_to_eol();
                    if self.peek() == Some(b'\n') {
                        self.newline();
                    }
                }
                Some(c) => {
                    if self.i == start && (c == b'-' || c == b'.') && self.is_marker(c) {
                        if c == b'.' {
                            return Err(Bail);
                        }
                        return Ok(END);
                    }
                    if self.i == start && c == b'%' {
                        return Err(Bail);
                    }
                    return Ok(self.col());
                }
            }
        }
    }

    /// `---` or `...` at the start of a line, followed by a blank or the end.
    fn is_marker(&self, c: u8) -> bool {
        let i = self.i;
        self.b.len() >= i + 3
            && self.b[i + 1] == c
            && self.b[i + 2] == c
            && is_blank_or_end(self.at(i + 3))
    }

    fn skip_to_eol(&mut self) {
        match self.b[self.i..].iter().position(|&c| c == b'\n') {
            Some(n) => self.i += n,
            None => self.i = self.b.len(),
        }
    }

    /// After a node on a line: spaces, an optional comment, then the line break (consumed) or
    /// the end of the stream.
    fn finish_line(&mut self) -> R<()> {
        while self.peek() == Some(b' ') {
            self.i += 1;
        }
        match self.peek() {
            None => Ok(()),
            Some(b'\n') => {
                self.newline();
                Ok(())
            }
            Some(b'#') if self.i > self.line_start && self.b[self.i - 1] == b' ' => {
                self.skip_to_eol();
                if self.peek() == Some(b'\n') {
                    self.newline();
                }
                Ok(())
            }
            _ => Err(Bail),
        }
    }

    fn stream(&mut self, emit: &mut dyn FnMut(Document)) -> R<()> {
        let mut index = 0usize;
        let mut la = self.next_line()?;
        if self.i >= self.b.len() {
            return Ok(());
        }
        if la != END {
            index += 1;
            let root = self.document(la)?;
            self.emit(emit, index, root);
        }
        while self.i < self.b.len() {
            // On a `---` marker.
            self.i += 3;
            self.finish_line()?;
            index += 1;
            la = self.next_line()?;
            let root = if la == END { None } else { self.document(la)? };
            self.emit(emit, index, root);
        }
        Ok(())
    }

    fn emit(&mut self, emit: &mut dyn FnMut(Document), index: usize, root: Option<Node>) {
        emit(Document {
            index,
            root: root.filter(|n| !n.is_null()),
            problems: std::mem::take(&mut self.problems),
        });
    }

    fn document(&mut self, la: i32) -> R<Option<Node>> {
        self.nodes = 0;
        self.depth = 0;
        self.problems.clear();
        let (node, la) = self.block_node(END, la)?;
        if la != END {
            return Err(Bail);
        }
        Ok(Some(node))
    }

    /// A node starting on a fresh content line at column `c` (> `n`, the parent's indentation).
    fn block_node(&mut self, n: i32, c: i32) -> R<(Node, i32)> {
        if self.at_dash_item() {
            return self.block_seq(c, false);
        }
        if let Some((name, kpos)) = self.try_key()? {
            return self.block_map(c, name, kpos);
        }
        self.inline_value(n)
    }

    #[inline]
    fn at_dash_item(&self) -> bool {
        self.peek() == Some(b'-') && is_blank_or_end(self.at(self.i + 1))
    }

    /// A block mapping at column `n` whose first key was just read.
    fn block_map(&mut self, n: i32, first: Cow<'a, str>, first_pos: Pos) -> R<(Node, i32)> {
        self.enter()?;
        self.count()?;
        let start = self.entries.len();
        let mut index = KeyIndex::default();
        let (mut name, mut kpos) = (first, first_pos);
        loop {
            self.count()?;
            self.path.push(Seg::Key(name));
            let (value, la) = self.map_value(n)?;
            let Some(Seg::Key(done)) = self.path.pop() else {
                return Err(Bail);
            };
            self.insert(start, &mut index, done, kpos, value);
            if la == n {
                if self.at_dash_item() {
                    return Err(Bail);
                }
                match self.try_key()? {
                    Some((k, p)) => (name, kpos) = (k, p),
                    None => return Err(Bail),
                }
                continue;
            }
            if la > n {
                return Err(Bail);
            }
            self.depth -= 1;
            let entries = self.entries.drain(start..).collect();
            return Ok((
                Node {
                    pos: first_pos,
                    value: Value::Map(entries),
                },
                la,
            ));
        }
    }

    /// The value after `key:` in a block mapping at column `n`.
    fn map_value(&mut self, n: i32) -> R<(Node, i32)> {
        // An empty value sits on its `:` (the cursor is right after it).
        let after_colon = self.pos_at(self.i - 1);
        let had_space = self.peek() == Some(b' ');
        while self.peek() == Some(b' ') {
            self.i += 1;
        }
        match self.peek() {
            None | Some(b'\n') | Some(b'#') => {
                let trailing = had_space;
                self.finish_line()?;
                let la = self.next_line()?;
                if la > n {
                    return self.block_node(n, la);
                }
                if la == n && la != END && self.at_dash_item() {
                    return self.block_seq(n, true);
                }
                if trailing {
                    return Err(Bail);
                }
                self.count()?;
                Ok((
                    Node {
                        pos: after_colon,
                        value: Value::Null,
                    },
                    la,
                ))
            }
            Some(b'\t') => Err(Bail),
            Some(_) => self.inline_value(n),
        }
    }

    /// A block sequence whose first `-` is at column `n`. `indentless`: written at its parent
    /// key's indentation.
    fn block_seq(&mut self, n: i32, indentless: bool) -> R<(Node, i32)> {
        self.enter()?;
        self.count()?;
        let mut seq_pos = self.pos();
        let start = self.items.len();
        loop {
            // On a `-` at column n.
            self.i += 1;
            let first = self.items.len() == start;
            self.path.push(Seg::Idx(self.items.len() - start));
            let after_dash = self.pos();
            let had_space = self.peek() == Some(b' ');
            while self.peek() == Some(b' ') {
                self.i += 1;
            }
            let (item, la) = match self.peek() {
                None | Some(b'\n') | Some(b'#') => {
                    if indentless && first {
                        return Err(Bail);
                    }
                    self.finish_line()?;
                    let la = self.next_line()?;
                    if la > n {
                        self.block_node(n, la)?
                    } else {
                        if had_space {
                            return Err(Bail);
                        }
                        self.count()?;
                        (
                            Node {
                                pos: after_dash,
                                value: Value::Null,
                            },
                            la,
                        )
                    }
                }
                Some(b'\t') => return Err(Bail),
                Some(_) => {
                    if indentless && first {
                        seq_pos = self.pos();
                    }
                    let c = self.col();
                    if self.at_dash_item() {
                        return Err(Bail);
                    }
                    match self.try_key()? {
                        Some((k, p)) => self.block_map(c, k, p)?,
                        None => self.inline_value(n)?,
                    }
                }
            };
            self.path.pop();
            self.items.push(item);
            if la == n && self.at_dash_item() {
                continue;
            }
            if la > n {
                return Err(Bail);
            }
            self.depth -= 1;
            let items = self.items.drain(start..).collect();
            return Ok((
                Node {
                    pos: seq_pos,
                    value: Value::Seq(items),
                },
                la,
            ));
        }
    }

    /// If the cursor starts `key:` on this line, read the key and the `:`.
    fn try_key(&mut self) -> R<Option<(Cow<'a, str>, Pos)>> {
        let start = self.i;
        let kpos = self.pos();
        let Some(c) = self.peek() else {
            return Ok(None);
        };
        match c {
            b'"' | b'\'' => {
                let s = if c == b'"' {
                    self.double_quoted()?
                } else {
                    self.single_quoted()?
                };
                while self.peek() == Some(b' ') {
                    self.i += 1;
                }
                if self.peek() == Some(b':') {
                    if !is_blank_or_end(self.at(self.i + 1)) {
                        return Err(Bail);
                    }
                    self.i += 1;
                    return Ok(Some((s, kpos)));
                }
                self.i = start;
                Ok(None)
            }
            b'[' | b'{' | b'|' | b'>' => Ok(None),
            b'-' | b'?' | b':' if is_blank_or_end(self.at(start + 1)) => {
                if c == b'-' {
                    Ok(None)
                } else {
                    Err(Bail)
                }
            }
            b'&' | b'*' | b'!' | b'%' | b'@' | b'`' | b',' | b']' | b'}' | b'#' => Err(Bail),
            _ => {
                let mut j = start;
                loop {
                    match self.b.get(j) {
                        None | Some(b'\n') => return Ok(None),
                        Some(b'\t') => return Err(Bail),
                        Some(b':') if is_blank_or_end(self.at(j + 1)) => break,
                        Some(b' ') if self.at(j + 1) == Some(&b'#') => return Ok(None),
                        _ => j += 1,
                    }
                }
                let raw = self.text[start..j].trim_end_matches(' ');
                if raw.len() > MAX_KEY_LEN || raw == "<<" {
                    return Err(Bail);
                }
                self.i = j + 1;
                let name = if plain_is_str(raw) {
                    Cow::Borrowed(raw)
                } else {
                    let v = resolve_plain(raw);
                    if let Value::Float(f) = v
                        && !f.is_finite()
                    {
                        return Err(Bail);
                    }
                    Cow::Owned(
                        key_string(Node {
                            pos: kpos,
                            value: v,
                        })
                        .map_err(|_| Bail)?,
                    )
                };
                Ok(Some((name, kpos)))
            }
        }
    }

    /// A value that starts on the current line (the parent collection is at column `n`).
    fn inline_value(&mut self, n: i32) -> R<(Node, i32)> {
        let pos = self.pos();
        let c = self.peek().ok_or(Bail)?;
        let value = match c {
            b'"' => Value::Str(self.double_quoted()?.into_owned()),
            b'\'' => Value::Str(self.single_quoted()?.into_owned()),
            b'[' | b'{' => {
                let node = self.flow_node(n)?;
                self.finish_line()?;
                let la = self.next_line()?;
                return Ok((node, la));
            }
            b'|' | b'>' => return self.block_scalar(n),
            b'&' | b'*' | b'!' | b'%' | b'@' | b'`' | b',' | b']' | b'}' | b'#' => {
                return Err(Bail);
            }
            b'-' | b'?' | b':' if is_blank_or_end(self.at(self.i + 1)) => return Err(Bail),
            _ => self.plain_block()?,
        };
        self.count()?;
        self.finish_line()?;
        let la = self.next_line()?;
        Ok((Node { pos, value }, la))
    }

    /// A plain scalar in block context, on one line.
    fn plain_block(&mut self) -> R<Value> {
        let start = self.i;
        let mut j = start;
        loop {
            match self.b.get(j) {
                None | Some(b'\n') => break,
                Some(b'\t') => return Err(Bail),
                Some(b':') if is_blank_or_end(self.at(j + 1)) => return Err(Bail),
                Some(b' ') if self.at(j + 1) == Some(&b'#') => break,
                _ => j += 1,
            }
        }
        self.i = j;
        let s = self.text[start..j].trim_end_matches(' ');
        plain_value(s)
    }

    fn double_quoted(&mut self) -> R<Cow<'a, str>> {
        let start = self.i + 1;
        let mut j = start;
        // Fast scan: no escapes.
        loop {
            match self.b.get(j) {
                None | Some(b'\n') => return Err(Bail),
                Some(b'"') => {
                    self.i = j + 1;
                    return Ok(Cow::Borrowed(&self.text[start..j]));
                }
                Some(b'\\') => break,
                _ => j += 1,
            }
        }
        let mut out = String::from(&self.text[start..j]);
        loop {
            match self.b.get(j) {
                None | Some(b'\n') => return Err(Bail),
                Some(b'"') => {
                    self.i = j + 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    let e = *self.b.get(j + 1).ok_or(Bail)?;
                    j += 2;
                    let ch = match e {
                        b'\\' => '\\',
                        b'"' => '"',
                        b'/' => '/',
                        b'n' => '\n',
                        b't' => '\t',
                        b'r' => '\r',
                        b'0' => '\0',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'x' | b'u' | b'U' => {
                            let len = match e {
                                b'x' => 2,
                                b'u' => 4,
                                _ => 8,
                            };
                            let hex = self.text.get(j..j + len).ok_or(Bail)?;
                            if !hex.bytes().all(|h| h.is_ascii_hexdigit()) {
                                return Err(Bail);
                            }
                            let v = u32::from_str_radix(hex, 16).map_err(|_| Bail)?;
                            j += len;
                            char::from_u32(v).ok_or(Bail)?
                        }
                        _ => return Err(Bail),
                    };
                    out.push(ch);
                }
                Some(_) => {
                    let k = j;
                    while let Some(&c) = self.b.get(j) {
                        if c == b'"' || c == b'\\' || c == b'\n' {
                            break;
                        }
                        j += 1;
                    }
                    out.push_str(&self.text[k..j]);
                }
            }
        }
    }

    fn single_quoted(&mut self) -> R<Cow<'a, str>> {
        let start = self.i + 1;
        let mut j = start;
        let mut out: Option<String> = None;
        let mut seg = start;
        loop {
            match self.b.get(j) {
                None | Some(b'\n') => return Err(Bail),
                Some(b'\'') if self.at(j + 1) == Some(&b'\'') => {
                    let o = out.get_or_insert_with(String::new);
                    o.push_str(&self.text[seg..j]);
                    o.push('\'');
                    j += 2;
                    seg = j;
                }
                Some(b'\'') => {
                    self.i = j + 1;
                    return Ok(match out {
                        None => Cow::Borrowed(&self.text[start..j]),
                        Some(mut o) => {
                            o.push_str(&self.text[seg..j]);
                            Cow::Owned(o)
                        }
                    });
                }
                _ => j += 1,
            }
        }
    }

    /// `|` or `>` block scalar; the parent collection is at column `n`.
    fn block_scalar(&mut self, n: i32) -> R<(Node, i32)> {
        if n < 0 {
            return Err(Bail);
        }
        let literal = self.peek() == Some(b'|');
        self.i += 1;
        #[derive(PartialEq)]
        enum Chomp {
            Clip,
            Strip,
            Keep,
        }
        let chomp = match self.peek() {
            Some(b'-') => {
                self.i += 1;
                Chomp::Strip
            }
            Some(b'+') => {
                self.i += 1;
                Chomp::Keep
            }
            _ => Chomp::Clip,
        };
        match self.peek() {
            None | Some(b'\n') | Some(b' ') => {}
            _ => return Err(Bail),
        }
        self.finish_line()?;
        // Indentation of the first content line; no leading empty lines.
        let k = {
            let mut j = self.i;
            while self.b.get(j) == Some(&b' ') {
                j += 1;
            }
            match self.b.get(j) {
                None | Some(b'\n') | Some(b'\t') => return Err(Bail),
                _ => (j - self.i) as i32,
            }
        };
        if k <= n {
            return Err(Bail);
        }
        let k = k as usize;
        let pos = Pos {
            line: self.line,
            col: k as u32 + 1,
        };
        let mut out = String::new();
        let mut first = true;
        let mut pending_empty = 0usize;
        loop {
            // At the start of a line.
            let ls = self.i;
            let mut j = ls;
            while self.b.get(j) == Some(&b' ') {
                j += 1;
            }
            let spaces = j - ls;
            match self.b.get(j) {
                None => break,
                Some(b'\n') => {
                    if spaces > k {
                        return Err(Bail);
                    }
                    pending_empty += 1;
                    self.i = j;
                    self.newline();
                    continue;
                }
                Some(b'\t') if spaces < k => return Err(Bail),
                _ => {}
            }
            if spaces < k {
                break;
            }
            let text_start = ls + k;
            let eol = match self.b[text_start..].iter().position(|&c| c == b'\n') {
                Some(e) => text_start + e,
                // Content running into the end of the stream without a line break.
                None => return Err(Bail),
            };
            let line = &self.text[text_start..eol];
            if literal {
                if !first {
                    out.push('\n');
                }
                for _ in 0..pending_empty {
                    out.push('\n');
                }
            } else {
                if line.starts_with([' ', '\t']) {
                    return Err(Bail);
                }
                if !first {
                    if pending_empty == 0 {
                        out.push(' ');
                    } else {
                        for _ in 0..pending_empty {
                            out.push('\n');
                        }
                    }
                }
            }
            out.push_str(line);
            first = false;
            pending_empty = 0;
            self.i = eol;
            self.newline();
        }
        match chomp {
            Chomp::Strip => {}
            Chomp::Clip => out.push('\n'),
            Chomp::Keep => {
                out.push('\n');
                for _ in 0..pending_empty {
                    out.push('\n');
                }
            }
        }
        self.count()?;
        let la = self.next_line()?;
        Ok((
            Node {
                pos,
                value: Value::Str(out),
            },
            la,
        ))
    }

    /// Whitespace, line breaks and comments inside a flow collection whose parent block
    /// collection is at column `n`: continuation lines must be indented more than `n`.
    fn flow_ws(&mut self, n: i32) -> R<()> {
        loop {
            match self.peek() {
                Some(b' ') => self.i += 1,
                Some(b'\n') => {
                    self.newline();
                    while self.peek() == Some(b' ') {
                        self.i += 1;
                    }
                    match self.peek() {
                        None | Some(b'\n') => {}
                        Some(c) => {
                            if self.col() <= n || self.col() == 0 && self.is_marker_byte(c) {
                                return Err(Bail);
                            }
                        }
                    }
                }
                Some(b'#') => {
                    if self.i == self.line_start || matches!(self.b[self.i - 1], b' ' | b'\n') {
                        self.skip_to_eol();
                    } else {
                        return Err(Bail);
                    }
                }
                Some(b'\t') | None => return Err(Bail),
                Some(_) => return Ok(()),
            }
        }
    }

    fn is_marker_byte(&self, c: u8) -> bool {
        (c == b'-' || c == b'.') && self.is_marker(c)
    }

    /// A node in flow context (the outermost one is a `[` or `{`).
    fn flow_node(&mut self, n: i32) -> R<Node> {
        let pos = self.pos();
        let c = self.peek().ok_or(Bail)?;
        match c {
            b'[' => {
                self.enter()?;
                self.count()?;
                self.i += 1;
                let start = self.items.len();
                loop {
                    self.flow_ws(n)?;
                    if self.peek() == Some(b']') {
                        self.i += 1;
                        break;
                    }
                    self.path.push(Seg::Idx(self.items.len() - start));
                    let item = self.flow_node(n)?;
                    self.path.pop();
                    self.items.push(item);
                    self.flow_ws(n)?;
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            break;
                        }
                        _ => return Err(Bail),
                    }
                }
                self.depth -= 1;
                let items = self.items.drain(start..).collect();
                Ok(Node {
                    pos,
                    value: Value::Seq(items),
                })
            }
            b'{' => {
                self.enter()?;
                self.count()?;
                self.i += 1;
                let start = self.entries.len();
                let mut index = KeyIndex::default();
                loop {
                    self.flow_ws(n)?;
                    if self.peek() == Some(b'}') {
                        self.i += 1;
                        break;
                    }
                    let kpos = self.pos();
                    let name: Cow<'a, str> = match self.peek() {
                        Some(b'"') => self.double_quoted()?,
                        Some(b'\'') => self.single_quoted()?,
                        _ => {
                            let start = self.i;
                            let v = self.plain_flow()?;
                            let raw = &self.text[start..self.i];
                            if raw.len() > MAX_KEY_LEN || raw == "<<" {
                                return Err(Bail);
                            }
                            match v {
                                Value::Str(s) => Cow::Owned(s),
                                v => Cow::Owned(
                                    key_string(Node {
                                        pos: kpos,
                                        value: v,
                                    })
                                    .map_err(|_| Bail)?,
                                ),
                            }
                        }
                    };
                    self.count()?;
                    self.flow_ws(n)?;
                    if self.peek() != Some(b':') {
                        return Err(Bail);
                    }
                    self.i += 1;
                    self.flow_ws(n)?;
                    if matches!(self.peek(), Some(b',') | Some(b'}')) {
                        return Err(Bail);
                    }
                    self.path.push(Seg::Key(name));
                    let value = self.flow_node(n)?;
                    let Some(Seg::Key(name)) = self.path.pop() else {
                        return Err(Bail);
                    };
                    self.insert(start, &mut index, name, kpos, value);
                    self.flow_ws(n)?;
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            break;
                        }
                        _ => return Err(Bail),
                    }
                }
                self.depth -= 1;
                let entries = self.entries.drain(start..).collect();
                Ok(Node {
                    pos,
                    value: Value::Map(entries),
                })
            }
            b'"' => {
                self.count()?;
                Ok(Node {
                    pos,
                    value: Value::Str(self.double_quoted()?.into_owned()),
                })
            }
            b'\'' => {
                self.count()?;
                Ok(Node {
                    pos,
                    value: Value::Str(self.single_quoted()?.into_owned()),
                })
            }
            _ => {
                self.count()?;
                let value = self.plain_flow()?;
                Ok(Node { pos, value })
            }
        }
    }

    /// A plain scalar in flow context, on one line.
    fn plain_flow(&mut self) -> R<Value> {
        let start = self.i;
        let c = self.peek().ok_or(Bail)?;
        match c {
            b'&' | b'*' | b'!' | b'%' | b'@' | b'`' | b',' | b'[' | b']' | b'{' | b'}' | b'#'
            | b'|' | b'>' | b'"' | b'\'' => return Err(Bail),
            b'-' | b'?' | b':' => {
                if matches!(
                    self.at(start + 1),
                    None | Some(b' ' | b'\n' | b',' | b'[' | b']' | b'{' | b'}')
                ) {
                    return Err(Bail);
                }
            }
            _ => {}
        }
        let mut j = start;
        loop {
            match self.b.get(j) {
                None | Some(b'\n' | b',' | b'[' | b']' | b'{' | b'}') => break,
                Some(b'\t') => return Err(Bail),
                Some(b':')
                    if matches!(
                        self.at(j + 1),
                        None | Some(b' ' | b'\n' | b',' | b'[' | b']' | b'{' | b'}')
                    ) =>
                {
                    break;
                }
                Some(b' ') if self.at(j + 1) == Some(&b'#') => break,
                _ => j += 1,
            }
        }
        let s = self.text[start..j].trim_end_matches(' ');
        if s.is_empty() {
            return Err(Bail);
        }
        self.i = start + s.len();
        plain_value(s)
    }

    /// Add an entry, reporting a key written twice as the builder does (the later value wins).
    fn insert(
        &mut self,
        start: usize,
        index: &mut KeyIndex,
        name: Cow<'a, str>,
        kpos: Pos,
        value: Node,
    ) {
        if let Some(i) = index.find(&self.entries[start..], &name) {
            let first = self.entries[start + i].0.pos;
            let path = self.dup_path(&name);
            self.problems.push(Problem {
                pos: kpos,
                path,
                kind: ProblemKind::DuplicateKey,
                message: format!(
                    "mapping key {:?} already defined at line {}",
                    name, first.line
                ),
            });
            self.entries[start + i] = (
                Key {
                    name: name.into_owned(),
                    pos: kpos,
                },
                value,
            );
        } else {
            index.insert(&self.entries[start..], &name);
            self.entries.push((
                Key {
                    name: name.into_owned(),
                    pos: kpos,
                },
                value,
            ));
        }
    }

    /// The dotted path the builder reports for a duplicate `key` at the current nesting.
    fn dup_path(&self, key: &str) -> String {
        let mut parts: Vec<String> = Vec::new();
        let segs = self
            .path
            .iter()
            .map(|s| match s {
                Seg::Key(k) => Seg::Key(Cow::Borrowed(k.as_ref())),
                Seg::Idx(i) => Seg::Idx(*i),
            })
            .chain(std::iter::once(Seg::Key(Cow::Borrowed(key))));
        for s in segs {
            match s {
                Seg::Key(k) => parts.push(k.into_owned()),
                Seg::Idx(i) => {
                    if let Some(last) = parts.last_mut() {
                        last.push_str(&format!("[{i}]"));
                    } else {
                        parts.push(format!("[{i}]"));
                    }
                }
            }
        }
        parts.join(".")
    }
}

/// True when a plain scalar certainly resolves to itself as a string (the common case for
/// keys), so no resolution is needed.
fn plain_is_str(s: &str) -> bool {
    let Some(&first) = s.as_bytes().first() else {
        return false;
    };
    if first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.' | b'~') {
        return false;
    }
    !matches!(
        s,
        "null"
            | "Null"
            | "NULL"
            | "y"
            | "Y"
            | "yes"
            | "Yes"
            | "YES"
            | "true"
            | "True"
            | "TRUE"
            | "on"
            | "On"
            | "ON"
            | "n"
            | "N"
            | "no"
            | "No"
            | "NO"
            | "false"
            | "False"
            | "FALSE"
            | "off"
            | "Off"
            | "OFF"
    )
}

/// Resolve a plain scalar; infinities and NaN are left to the full parser's error.
fn plain_value(s: &str) -> R<Value> {
    if plain_is_str(s) {
        return Ok(Value::Str(s.to_string()));
    }
    match resolve_plain(s) {
        Value::Float(f) if !f.is_finite() => Err(Bail),
        v => Ok(v),
    }
}

#[cfg(test)]
mod tests {
    use super::super::fast_path_agrees;
    use std::path::{Path, PathBuf};

    fn files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                files(&p, out);
            } else {
                out.push(p);
            }
        }
    }

    fn check(name: &str, text: &str) -> bool {
        match fast_path_agrees(text) {
            Ok(fast) => fast,
            Err(e) => panic!("{name}: {e}\n--- input ---\n{text}"),
        }
    }

    /// Every test manifest and fuzz seed: where the fast path reads an input, it must read it
    /// exactly as the full parser does (values, positions, documents, duplicate keys).
    #[test]
    fn agrees_with_the_full_parser_on_every_test_file() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut all = Vec::new();
        files(&root.join("tests/data"), &mut all);
        files(&root.join("fuzz/corpus/validate"), &mut all);
        files(&root.join("examples"), &mut all);
        all.sort();
        let mut read = 0;
        for p in &all {
            let Ok(text) = std::fs::read_to_string(p) else {
                continue;
            };
            if check(&p.display().to_string(), &text) {
                read += 1;
            }
        }
        assert!(all.len() > 100, "test files found: {}", all.len());
        assert!(
            read > all.len() / 2,
            "fast path read only {read} of {}",
            all.len()
        );
    }

    /// The realistic agents (the benchmark's input) must take the fast path, and so must every
    /// one-line deletion of them that the full parser reads without error.
    #[test]
    fn realistic_agents_take_the_fast_path() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/validate/valid");
        for name in [
            "calico-node",
            "cilium",
            "fluentd",
            "kube-proxy",
            "node-exporter",
            "nvidia-device-plugin",
        ] {
            let text = std::fs::read_to_string(dir.join(format!("{name}.yaml"))).unwrap();
            assert!(check(name, &text), "{name} did not take the fast path");
            let json = serde_json::to_string_pretty(
                &serde_json::from_str::<serde_json::Value>(&format!(
                    "{}",
                    crate::validate::to_json(
                        super::super::parse_documents(&text).unwrap().documents[0]
                            .root
                            .as_ref()
                            .unwrap()
                    )
                ))
                .unwrap(),
            )
            .unwrap();
            assert!(check(&format!("{name}.json"), &json), "{name} as JSON");
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            for skip in 0..lines.len() {
                let mutated: String = lines
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != skip)
                    .map(|(_, l)| *l)
                    .collect();
                check(&format!("{name} without line {}", skip + 1), &mutated);
            }
        }
    }

    /// Random single- and double-byte edits of the agents with YAML's significant characters
    /// (deterministic): wherever the fast path still reads the result, it reads it as the full
    /// parser does, and wherever the full parser rejects it, the fast path gives up.
    #[test]
    fn agrees_on_mutated_agents() {
        const SIGNIFICANT: &[u8] = b" :-#'\"\n[]{},|>&*!?\t0yY~.%@\\";
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/validate/valid");
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let (mut fast, mut total) = (0, 0);
        for name in [
            "calico-node",
            "cilium",
            "kube-proxy",
            "nvidia-device-plugin",
        ] {
            let text = std::fs::read(dir.join(format!("{name}.yaml"))).unwrap();
            for _ in 0..400 {
                let mut m = text.clone();
                for _ in 0..1 + next() % 2 {
                    let at = (next() % m.len() as u64) as usize;
                    m[at] = SIGNIFICANT[(next() % SIGNIFICANT.len() as u64) as usize];
                }
                let Ok(t) = String::from_utf8(m) else {
                    continue;
                };
                total += 1;
                if check(&format!("{name} (mutated)"), &t) {
                    fast += 1;
                }
            }
        }
        assert!(
            fast > total / 4,
            "fast path read {fast} of {total} mutations"
        );
    }

    /// Minified JSON is one long line: positions along it must not cost quadratic time.
    #[test]
    fn long_single_line_json_is_linear() {
        let mut json = String::from("{\"items\": [");
        for i in 0..100_000 {
            json.push_str(&format!("{{\"é{i}\": \"ü\"}},"));
        }
        json.push_str("1]}");
        let mut last = None;
        assert!(super::run(&json, &mut |d| last = d.root).is_ok());
        let root = last.unwrap();
        let items = root.get("items").unwrap().items();
        assert_eq!(items.len(), 100_001);
        let k = &items[1].entries()[0].0;
        assert_eq!(k.name, "é1");
        // `{"items": [` is 11 characters and `{"é0": "ü"},` 12; the key's quote follows `{`.
        assert_eq!(k.pos.col, 11 + 12 + 1 + 1);
    }

    #[test]
    fn agrees_on_edge_cases() {
        let cases = [
            "",
            "\n\n",
            "# only a comment\n",
            "---\n",
            "---\n---\n",
            "a: 1\n---\n",
            "a: 1\n---\n# x\n",
            "a: 1\n---\nb: 2",
            "--- # c\na: 1\n",
            "~\n",
            "hello\n",
            "\"quoted root\"\n",
            "a:\nb: 1\nc: |\n  x\n  y\nd: >-\n  p\n  q\n\n  r\ne:\n- x\n-\n- 'q'\nf: \"s\"\ng: [a, \"b\", {k: v}]\nh: {}\n",
            "- a: 1\n  b:\n- k\n",
            "{\"a\": 1,\n \"b\": [true, null]}\n",
            "x: [\n]\n",
            "a:\n  - x\n  - y\nb: 2\n",
            "a:\n  -\n    k: v\n",
            "a:\n- k: v\n  l: w\n- m\n",
            "a: b # comment\nc: 'it''s' # c\n",
            "a: b#c\n",
            "a : 1\n",
            "a :\nb: 1\n",
            "- a :\n  b:\n",
            "\"a\": 1\n'b': 2\n",
            "a:\n  b: 1\n  b: 2\n",
            "a:\n- {x: 1, x: 2}\n- y: 1\n  y: 2\n",
            "a: 1\na: 2\n",
            "yes: 1\n80: http\n~: n\n1.5: f\n",
            "a: 0640\nb: 0x1F\nc: 1_000\nd: 08\ne: 1e3\nf: .5\ng: -1\nh: +1\ni: 2001-12-14\n",
            "a: .inf\n",
            "a: \"\\u00e9\\n\\t\\\\\\\"\\x41\\/\"\n",
            "a: \"\\q\"\n",
            "a: 'multi\n  line'\n",
            "a: multi\n  line\n",
            "a: b: c\n",
            "a:\n\tb: 1\n",
            "a: |+\n  x\n\n\nb: 1\n",
            "a: |-\n  x\n\n  y\n",
            "a: >\n  folded\n  text\n\n  para\n",
            "a: >\n  x\n    more\n  y\n",
            "a: |\n  x\n b: 1\n",
            "a: |\n\n  x\n",
            "a: |2\n   x\n",
            "a: |\n  x",
            "a:\n  - |\n    script\n    here\n  - b\n",
            "a: &x 1\nb: *x\n",
            "<<: {a: 1}\n",
            "a: !!str 1\n",
            "%YAML 1.1\n---\na: 1\n",
            "a: 1\n...\n",
            "? a\n: b\n",
            "a: [1, 2,]\n",
            "a: [1, 2\n",
            "a: {b: 1\n",
            "a: [b: c]\n",
            "a: {b}\n",
            "a: {\"b\":1}\n",
            "a: [\n  1,\n  2\n]\n",
            "a:\n  b: [\n  1]\n",
            "[1, 2]\n",
            "- - a\n",
            "-\n  - a\n",
            "a: -\n",
            "a: - b\n",
            "a: 'x' y\n",
            "a: é\nbé: 1\n  c: 2\n",
            "é: \"ü\"\nx: ü\n",
            "a: 1\r\nb: 2\r\n",
            "key with spaces: value with spaces  \n",
            "a:    \nb: 1\n",
            "a:   # c\nb: 1\n",
            "a: # c\n  b: 1\n",
            "- # c\n  a: 1\n",
            "a:\n  # c\n  b: 1\n  # d\nc: 2\n",
            "a: 1\n  b: 2\n",
            "a:\n  b: 1\n c: 2\n",
            "  a: 1\n  b: 2\n",
            "  a: 1\nb: 2\n",
            "a: \"x\" # c\n",
            "a: [x # c\n  , y]\n",
            "a: [x, # c\n  y]\n",
            "a: [x,#c\n  y]\n",
            "{a: 1}\n---\n[b]\n",
            "---\n{}\n---\n[]\n",
            "a: \"\"\nb: ''\n",
            "a: http://x.y/z\nb: x:y\n",
            "a: [http://x, y:z]\n",
            "-1: x\n-a: y\n",
            "a: -1\nb: -x\nc: ?x\nd: :x\n",
            "a: 1\n---\nb: [\n---\n",
            "a:\n- b\n-\n",
            "a:\n-\n- b\n",
            "a:\n  -\n  - b\n",
        ];
        let mut fast = 0;
        for c in cases {
            if check(&format!("{c:?}"), c) {
                fast += 1;
            }
        }
        assert!(fast > 40, "fast path read {fast} cases");
    }
}
