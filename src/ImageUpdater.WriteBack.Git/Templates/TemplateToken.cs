namespace ImageUpdater.WriteBack.Git.Templates;

/// <summary>The kinds of token Go's text/template lexer produces (comments are dropped).</summary>
internal enum TokenKind
{
    Eof,
    Text,
    LeftDelim,
    RightDelim,
    Space,
    Identifier,
    Field,
    Variable,
    String,
    RawString,
    CharConstant,
    Number,
    Bool,
    Nil,
    Dot,
    Pipe,
    Declare,
    Assign,
    LeftParen,
    RightParen,
    Char,
    KeywordBlock,
    KeywordBreak,
    KeywordContinue,
    KeywordDefine,
    KeywordElse,
    KeywordEnd,
    KeywordIf,
    KeywordRange,
    KeywordTemplate,
    KeywordWith,
}

/// <summary>One token: its kind, its text and where it starts.</summary>
internal readonly record struct TemplateToken(TokenKind Kind, string Value, int Offset);
