namespace ImageUpdater.WriteBack.Git.Templates;

/// <summary>
/// Splits a template into tokens exactly as Go's text/template lexer does, including <c>{{-</c> / <c>-}}</c> trimming
/// and <c>{{/* */}}</c> comments. Errors carry the position of the offending character.
/// </summary>
internal sealed class TemplateLexer
{
    private const string LeftDelim = "{{";
    private const string RightDelim = "}}";
    private const int TrimMarkerLength = 2;

    private static readonly Dictionary<string, TokenKind> Keywords = new(StringComparer.Ordinal)
    {
        ["block"] = TokenKind.KeywordBlock,
        ["break"] = TokenKind.KeywordBreak,
        ["continue"] = TokenKind.KeywordContinue,
        ["define"] = TokenKind.KeywordDefine,
        ["else"] = TokenKind.KeywordElse,
        ["end"] = TokenKind.KeywordEnd,
        ["if"] = TokenKind.KeywordIf,
        ["range"] = TokenKind.KeywordRange,
        ["nil"] = TokenKind.Nil,
        ["template"] = TokenKind.KeywordTemplate,
        ["with"] = TokenKind.KeywordWith,
        ["true"] = TokenKind.Bool,
        ["false"] = TokenKind.Bool,
    };

    private readonly string _input;
    private readonly List<TemplateToken> _tokens = [];
    private int _pos;
    private int _start;
    private int _parenDepth;

    private TemplateLexer(string input) => _input = input;

    public static List<TemplateToken> Tokenize(string input)
    {
        var lexer = new TemplateLexer(input);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        var inAction = false;
        while (true)
        {
            if (!inAction)
            {
                if (!LexText())
                {
                    _tokens.Add(new TemplateToken(TokenKind.Eof, string.Empty, _input.Length));
                    return;
                }

                inAction = LexLeftDelim();
            }
            else
            {
                inAction = LexInsideAction();
            }
        }
    }

    /// <summary>Emits text up to the next left delimiter; false at the end of input.</summary>
    private bool LexText()
    {
        var delim = _input.IndexOf(LeftDelim, _pos, StringComparison.Ordinal);
        if (delim < 0)
        {
            if (_input.Length > _pos)
            {
                _tokens.Add(new TemplateToken(TokenKind.Text, _input[_pos..], _pos));
            }

            _pos = _input.Length;
            return false;
        }

        var textEnd = delim;
        if (HasLeftTrimMarker(delim + LeftDelim.Length))
        {
            while (textEnd > _pos && IsSpace(_input[textEnd - 1]))
            {
                textEnd--;
            }
        }

        if (textEnd > _pos)
        {
            _tokens.Add(new TemplateToken(TokenKind.Text, _input[_pos..textEnd], _pos));
        }

        _pos = delim;
        return true;
    }

    /// <summary>Consumes a left delimiter; true when an action follows, false after a comment.</summary>
    private bool LexLeftDelim()
    {
        var delimStart = _pos;
        _pos += LeftDelim.Length;
        if (HasLeftTrimMarker(_pos))
        {
            _pos += TrimMarkerLength;
        }

        if (string.CompareOrdinal(_input, _pos, "/*", 0, 2) == 0)
        {
            LexComment(delimStart);
            return false;
        }

        _tokens.Add(new TemplateToken(TokenKind.LeftDelim, LeftDelim, delimStart));
        _parenDepth = 0;
        return true;
    }

    private void LexComment(int delimStart)
    {
        var end = _input.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
        if (end < 0)
        {
            throw Error(delimStart, "unclosed comment");
        }

        _pos = end + 2;
        var (isDelim, trim) = AtRightDelim();
        if (!isDelim)
        {
            throw Error(delimStart, "comment ends before closing delimiter");
        }

        _pos += (trim ? TrimMarkerLength : 0) + RightDelim.Length;
        if (trim)
        {
            SkipLeadingSpace();
        }
    }

    /// <summary>Lexes one token inside an action; false once the action is closed.</summary>
    private bool LexInsideAction()
    {
        var (isDelim, trim) = AtRightDelim();
        if (isDelim)
        {
            if (_parenDepth != 0)
            {
                throw Error(_pos, "unclosed left paren");
            }

            var at = _pos;
            _pos += (trim ? TrimMarkerLength : 0) + RightDelim.Length;
            _tokens.Add(new TemplateToken(TokenKind.RightDelim, RightDelim, at));
            if (trim)
            {
                SkipLeadingSpace();
            }

            return false;
        }

        if (_pos >= _input.Length)
        {
            throw Error(_pos, "unclosed action");
        }

        _start = _pos;
        var c = _input[_pos++];
        switch (c)
        {
            case var _ when IsSpace(c):
                LexSpace();
                break;
            case '=':
                Emit(TokenKind.Assign);
                break;
            case ':':
                if (_pos >= _input.Length || _input[_pos] != '=')
                {
                    throw Error(_start, "expected :=");
                }

                _pos++;
                Emit(TokenKind.Declare);
                break;
            case '|':
                Emit(TokenKind.Pipe);
                break;
            case '"':
                LexQuote('"', TokenKind.String, "unterminated quoted string");
                break;
            case '`':
                LexRawQuote();
                break;
            case '$':
                LexFieldOrVariable(TokenKind.Variable);
                break;
            case '\'':
                LexQuote('\'', TokenKind.CharConstant, "unterminated character constant");
                break;
            case '.' when _pos >= _input.Length || !char.IsAsciiDigit(_input[_pos]):
                LexFieldOrVariable(TokenKind.Field);
                break;
            case '.' or '+' or '-':
            case var _ when char.IsAsciiDigit(c):
                _pos = _start;
                LexNumber();
                break;
            case var _ when IsAlphaNumeric(c):
                LexIdentifier();
                break;
            case '(':
                _parenDepth++;
                Emit(TokenKind.LeftParen);
                break;
            case ')':
                _parenDepth--;
                if (_parenDepth < 0)
                {
                    throw Error(_start, "unexpected right paren");
                }

                Emit(TokenKind.RightParen);
                break;
            case var _ when c < 0x7F && !char.IsControl(c):
                Emit(TokenKind.Char);
                break;
            default:
                throw Error(_start, $"unrecognized character in action: U+{(int)c:X4}");
        }

        return true;
    }

    private void LexSpace()
    {
        var spaces = 1;
        while (_pos < _input.Length && IsSpace(_input[_pos]))
        {
            _pos++;
            spaces++;
        }

        // A space followed by "-}}" belongs to the trim marker, not to the action.
        if (HasRightTrimMarker(_pos - 1) && string.CompareOrdinal(_input, _pos - 1 + TrimMarkerLength, RightDelim, 0, 2) == 0)
        {
            _pos--;
            if (spaces == 1)
            {
                return;
            }
        }

        Emit(TokenKind.Space);
    }

    private void LexQuote(char quote, TokenKind kind, string unterminated)
    {
        while (true)
        {
            if (_pos >= _input.Length || _input[_pos] == '\n')
            {
                throw Error(_start, unterminated);
            }

            var c = _input[_pos++];
            if (c == '\\')
            {
                if (_pos >= _input.Length || _input[_pos] == '\n')
                {
                    throw Error(_start, unterminated);
                }

                _pos++;
            }
            else if (c == quote)
            {
                break;
            }
        }

        Emit(kind);
    }

    private void LexRawQuote()
    {
        var end = _input.IndexOf('`', _pos);
        if (end < 0)
        {
            throw Error(_start, "unterminated raw quoted string");
        }

        _pos = end + 1;
        Emit(TokenKind.RawString);
    }

    private void LexFieldOrVariable(TokenKind kind)
    {
        if (AtTerminator())
        {
            Emit(kind == TokenKind.Variable ? TokenKind.Variable : TokenKind.Dot);
            return;
        }

        while (_pos < _input.Length && IsAlphaNumeric(_input[_pos]))
        {
            _pos++;
        }

        if (!AtTerminator())
        {
            throw Error(_pos, $"bad character U+{(int)_input[_pos]:X4} '{_input[_pos]}'");
        }

        Emit(kind);
    }

    private void LexIdentifier()
    {
        while (_pos < _input.Length && IsAlphaNumeric(_input[_pos]))
        {
            _pos++;
        }

        if (!AtTerminator())
        {
            throw Error(_pos, $"bad character U+{(int)_input[_pos]:X4} '{_input[_pos]}'");
        }

        var word = _input[_start.._pos];
        Emit(Keywords.TryGetValue(word, out var keyword) ? keyword : TokenKind.Identifier);
    }

    // Go's scanNumber: accept the longest run that could be a number, then let the parser judge its value.
    private void LexNumber()
    {
        Accept("+-");
        var digits = "0123456789_";
        if (Accept("0"))
        {
            if (Accept("xX"))
            {
                digits = "0123456789abcdefABCDEF_";
            }
            else if (Accept("oO"))
            {
                digits = "01234567_";
            }
            else if (Accept("bB"))
            {
                digits = "01_";
            }
        }

        AcceptRun(digits);
        if (Accept("."))
        {
            AcceptRun(digits);
        }

        if (digits.Length == 11 && Accept("eE"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }

        if (digits.Length == 23 && Accept("pP"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }

        Accept("i");
        if (_pos < _input.Length && IsAlphaNumeric(_input[_pos]))
        {
            throw Error(_start, $"bad number syntax: \"{_input[_start..(_pos + 1)]}\"");
        }

        Emit(TokenKind.Number);
    }

    private bool Accept(string valid)
    {
        if (_pos < _input.Length && valid.Contains(_input[_pos], StringComparison.Ordinal))
        {
            _pos++;
            return true;
        }

        return false;
    }

    private void AcceptRun(string valid)
    {
        while (Accept(valid))
        {
        }
    }

    private bool AtTerminator()
    {
        if (_pos >= _input.Length)
        {
            return true;
        }

        var c = _input[_pos];
        return IsSpace(c) || c is '.' or ',' or '|' or ':' or ')' or '(' || c == RightDelim[0];
    }

    private (bool IsDelim, bool Trim) AtRightDelim()
    {
        if (HasRightTrimMarker(_pos) && string.CompareOrdinal(_input, _pos + TrimMarkerLength, RightDelim, 0, 2) == 0)
        {
            return (true, true);
        }

        return (string.CompareOrdinal(_input, _pos, RightDelim, 0, 2) == 0, false);
    }

    private bool HasLeftTrimMarker(int at) => at + 1 < _input.Length && _input[at] == '-' && IsSpace(_input[at + 1]);

    private bool HasRightTrimMarker(int at) => at + 1 < _input.Length && IsSpace(_input[at]) && _input[at + 1] == '-';

    private void SkipLeadingSpace()
    {
        while (_pos < _input.Length && IsSpace(_input[_pos]))
        {
            _pos++;
        }
    }

    private void Emit(TokenKind kind) => _tokens.Add(new TemplateToken(kind, _input[_start.._pos], _start));

    private TemplateException Error(int offset, string reason) =>
        new(TemplatePosition.At(_input, offset), reason, duringExecution: false);

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsAlphaNumeric(char c) => c == '_' || char.IsLetterOrDigit(c);
}
