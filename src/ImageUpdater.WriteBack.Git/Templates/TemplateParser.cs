namespace ImageUpdater.WriteBack.Git.Templates;

/// <summary>
/// Builds the tree of a template the way Go's text/template parser does (same grammar, same checks on variables,
/// functions and pipelines). Constructs outside the supported subset are rejected as unsupported, by name.
/// </summary>
internal sealed class TemplateParser
{
    private const int MaxNesting = 100;

    private readonly int[] _lineStarts;
    private readonly List<TemplateToken> _tokens;
    private readonly List<string> _variables = ["$"];
    private int _index;
    private int _rangeDepth;
    private int _nesting;

    private TemplateParser(string text)
    {
        _tokens = TemplateLexer.Tokenize(text);
        _lineStarts = [0, .. text.Select((c, i) => (c, i)).Where(x => x.c == '\n').Select(x => x.i + 1)];
    }

    public static ListNode Parse(string text) => new TemplateParser(text).ParseRoot();

    private ListNode ParseRoot()
    {
        var root = new ListNode(PositionOf(Peek()), []);
        while (Peek().Kind != TokenKind.Eof)
        {
            var node = TextOrAction();
            if (node is EndNode or ElseNode)
            {
                throw Error(node.Position, $"unexpected {{{{{(node is EndNode ? "end" : "else")}}}}}");
            }

            root.Nodes.Add(node);
        }

        return root;
    }

    private TemplateNode TextOrAction()
    {
        var token = NextNonSpace();
        return token.Kind switch
        {
            TokenKind.Text => new TextNode(PositionOf(token), token.Value),
            TokenKind.LeftDelim => Action(),
            _ => throw Unexpected(token, "input"),
        };
    }

    private TemplateNode Action()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.KeywordBlock or TokenKind.KeywordDefine or TokenKind.KeywordTemplate:
                throw Error(PositionOf(token), $"unsupported construct {{{{{token.Value}}}}}: named templates are not supported");
            case TokenKind.KeywordBreak or TokenKind.KeywordContinue:
                return LoopControl(token);
            case TokenKind.KeywordElse:
                return ElseControl(token);
            case TokenKind.KeywordEnd:
                Expect(TokenKind.RightDelim, "end");
                return new EndNode(PositionOf(token));
            case TokenKind.KeywordIf:
                return Control(token, ControlKind.If);
            case TokenKind.KeywordRange:
                return Control(token, ControlKind.Range);
            case TokenKind.KeywordWith:
                return Control(token, ControlKind.With);
        }

        Backup();
        // Variables declared by a plain action persist until the enclosing {{end}}.
        return new ActionNode(PositionOf(Peek()), Pipeline("command", TokenKind.RightDelim));
    }

    private TemplateNode LoopControl(TemplateToken token)
    {
        var next = NextNonSpace();
        if (next.Kind != TokenKind.RightDelim)
        {
            throw Unexpected(next, $"{{{{{token.Value}}}}}");
        }

        if (_rangeDepth == 0)
        {
            throw Error(PositionOf(token), $"{{{{{token.Value}}}}} outside {{{{range}}}}");
        }

        return token.Kind == TokenKind.KeywordBreak ? new BreakNode(PositionOf(token)) : new ContinueNode(PositionOf(token));
    }

    private ElseNode ElseControl(TemplateToken token)
    {
        // "{{else if" leaves the "if" for the enclosing if-control to read.
        if (PeekNonSpace().Kind == TokenKind.KeywordIf)
        {
            return new ElseNode(PositionOf(token));
        }

        Expect(TokenKind.RightDelim, "else");
        return new ElseNode(PositionOf(token));
    }

    private ControlNode Control(TemplateToken keyword, ControlKind kind)
    {
        if (++_nesting > MaxNesting)
        {
            throw Error(PositionOf(keyword), $"unsupported construct: control structures nested deeper than {MaxNesting}");
        }

        var context = kind.ToString().ToLowerInvariant();
        var variableMark = _variables.Count;
        var pipe = Pipeline(context, TokenKind.RightDelim);
        if (kind == ControlKind.Range)
        {
            _rangeDepth++;
        }

        var (list, next) = ItemList();
        if (kind == ControlKind.Range)
        {
            _rangeDepth--;
        }

        ListNode? elseList = null;
        if (next is ElseNode)
        {
            if (kind == ControlKind.If && Peek().Kind == TokenKind.KeywordIf)
            {
                // {{if a}}x{{else if b}}y{{end}} is {{if a}}x{{else}}{{if b}}y{{end}}{{end}} with one shared end.
                var ifToken = Next();
                elseList = new ListNode(next.Position, [Control(ifToken, ControlKind.If)]);
            }
            else
            {
                (elseList, next) = ItemList();
                if (next is not EndNode)
                {
                    throw Error(next.Position, "expected end; found {{else}}");
                }
            }
        }

        _variables.RemoveRange(variableMark, _variables.Count - variableMark);
        _nesting--;
        return new ControlNode(PositionOf(keyword), kind, pipe, list, elseList);
    }

    private (ListNode List, TemplateNode Next) ItemList()
    {
        var list = new ListNode(PositionOf(PeekNonSpace()), []);
        while (PeekNonSpace().Kind != TokenKind.Eof)
        {
            var node = TextOrAction();
            if (node is EndNode or ElseNode)
            {
                return (list, node);
            }

            list.Nodes.Add(node);
        }

        throw Error(PositionOf(Peek()), "unexpected EOF: missing {{end}}");
    }

    private PipeNode Pipeline(string context, TokenKind end)
    {
        var pipe = new PipeNode(PositionOf(PeekNonSpace()), [], false, []);
        var isAssign = false;
        while (PeekNonSpace().Kind == TokenKind.Variable)
        {
            var beforeVariable = _index;
            var variable = NextNonSpace();
            var next = PeekNonSpace();
            if (next.Kind is TokenKind.Assign or TokenKind.Declare)
            {
                isAssign = next.Kind == TokenKind.Assign;
                NextNonSpace();
                pipe.Declarations.Add(new VariableNode(PositionOf(variable), [variable.Value]));
                _variables.Add(variable.Value);
                break;
            }

            if (next.Kind == TokenKind.Char && next.Value == ",")
            {
                NextNonSpace();
                pipe.Declarations.Add(new VariableNode(PositionOf(variable), [variable.Value]));
                _variables.Add(variable.Value);
                if (context == "range" && pipe.Declarations.Count < 2)
                {
                    if (PeekNonSpace().Kind is TokenKind.Variable or TokenKind.RightDelim or TokenKind.RightParen)
                    {
                        continue;
                    }

                    throw Error(PositionOf(next), "range can only initialize variables");
                }

                throw Error(PositionOf(next), $"too many declarations in {context}");
            }

            // "$x foo": the variable is an operand, not a declaration.
            _index = beforeVariable;
            break;
        }

        pipe = pipe with { IsAssign = isAssign };
        while (true)
        {
            var token = NextNonSpace();
            if (token.Kind == end)
            {
                CheckPipeline(pipe, context);
                return pipe;
            }

            switch (token.Kind)
            {
                case TokenKind.Bool or TokenKind.CharConstant or TokenKind.Dot or TokenKind.Field or TokenKind.Identifier
                    or TokenKind.Number or TokenKind.Nil or TokenKind.RawString or TokenKind.String or TokenKind.Variable
                    or TokenKind.LeftParen:
                    Backup();
                    pipe.Commands.Add(Command());
                    break;
                default:
                    throw Unexpected(token, context);
            }
        }
    }

    private static void CheckPipeline(PipeNode pipe, string context)
    {
        if (pipe.Commands.Count == 0)
        {
            throw Error(pipe.Position, $"missing value for {context}");
        }

        for (var i = 1; i < pipe.Commands.Count; i++)
        {
            if (pipe.Commands[i].Arguments[0] is BoolNode or DotNode or NilNode or NumberNode or StringNode)
            {
                throw Error(pipe.Commands[i].Position, $"non executable command in pipeline stage {i + 1}");
            }
        }
    }

    private CommandNode Command()
    {
        var command = new CommandNode(PositionOf(PeekNonSpace()), []);
        while (true)
        {
            PeekNonSpace();
            var operand = Operand();
            if (operand is not null)
            {
                command.Arguments.Add(operand);
            }

            var token = Next();
            if (token.Kind == TokenKind.Space)
            {
                continue;
            }

            if (token.Kind is TokenKind.RightDelim or TokenKind.RightParen)
            {
                Backup();
            }
            else if (token.Kind != TokenKind.Pipe)
            {
                throw Unexpected(token, "operand");
            }

            break;
        }

        if (command.Arguments.Count == 0)
        {
            throw Error(command.Position, "empty command");
        }

        return command;
    }

    private TemplateNode? Operand()
    {
        var node = Term();
        if (node is null || Peek().Kind != TokenKind.Field)
        {
            return node;
        }

        var fields = new List<string>();
        while (Peek().Kind == TokenKind.Field)
        {
            fields.Add(Next().Value[1..]);
        }

        return node switch
        {
            FieldNode field => new FieldNode(field.Position, [.. field.Names, .. fields]),
            VariableNode variable => new VariableNode(variable.Position, [.. variable.Names, .. fields]),
            BoolNode or StringNode or NumberNode or NilNode or DotNode => throw Error(node.Position, $"unexpected . after term \"{node}\""),
            _ => new ChainNode(node.Position, node, [.. fields]),
        };
    }

    private TemplateNode? Term()
    {
        var token = NextNonSpace();
        var position = PositionOf(token);
        switch (token.Kind)
        {
            case TokenKind.Identifier:
                CheckFunction(token, position);
                return new IdentifierNode(position, token.Value);
            case TokenKind.Dot:
                return new DotNode(position);
            case TokenKind.Nil:
                return new NilNode(position);
            case TokenKind.Variable:
                if (!_variables.Contains(token.Value))
                {
                    throw Error(position, $"undefined variable \"{token.Value}\"");
                }

                return new VariableNode(position, [token.Value]);
            case TokenKind.Field:
                return new FieldNode(position, [token.Value[1..]]);
            case TokenKind.Bool:
                return new BoolNode(position, token.Value == "true");
            case TokenKind.Number or TokenKind.CharConstant:
                return Number(token, position);
            case TokenKind.LeftParen:
                if (++_nesting > MaxNesting)
                {
                    throw Error(position, $"unsupported construct: parentheses nested deeper than {MaxNesting}");
                }

                var pipe = Pipeline("parenthesized pipeline", TokenKind.RightParen);
                _nesting--;
                return pipe;
            case TokenKind.String or TokenKind.RawString:
                var text = GoLiterals.Unquote(token.Value)
                    ?? throw Error(position, $"invalid or unsupported string literal {token.Value}");
                return new StringNode(position, token.Value, text);
        }

        Backup();
        return null;
    }

    private static NumberNode Number(TemplateToken token, TemplatePosition position)
    {
        if (token.Kind == TokenKind.Number && token.Value.EndsWith('i'))
        {
            throw Error(position, $"unsupported construct: complex number {token.Value}");
        }

        if (token.Kind == TokenKind.Number && token.Value.Contains('p', StringComparison.OrdinalIgnoreCase)
            && token.Value.Contains("0x", StringComparison.OrdinalIgnoreCase))
        {
            throw Error(position, $"unsupported construct: hexadecimal floating-point number {token.Value}");
        }

        var value = GoLiterals.ParseNumber(token.Value, token.Kind == TokenKind.CharConstant)
            ?? throw Error(position, $"illegal number syntax or value out of range: {token.Value}");
        return new NumberNode(position, token.Value, value);
    }

    private static void CheckFunction(TemplateToken token, TemplatePosition position)
    {
        if (GoTemplateFunctions.IsSupported(token.Value))
        {
            return;
        }

        throw GoTemplateFunctions.IsGoBuiltin(token.Value)
            ? Error(position, $"unsupported construct: function \"{token.Value}\" (supported: {GoTemplateFunctions.SupportedNames})")
            : Error(position, $"function \"{token.Value}\" not defined (custom functions are not supported)");
    }

    private void Expect(TokenKind kind, string context)
    {
        var token = NextNonSpace();
        if (token.Kind != kind)
        {
            throw Unexpected(token, context);
        }
    }

    private TemplateToken Next() => _tokens[Math.Min(_index++, _tokens.Count - 1)];

    private TemplateToken Peek() => _tokens[Math.Min(_index, _tokens.Count - 1)];

    private void Backup() => _index--;

    private TemplateToken NextNonSpace()
    {
        var token = Next();
        while (token.Kind == TokenKind.Space)
        {
            token = Next();
        }

        return token;
    }

    private TemplateToken PeekNonSpace()
    {
        var token = NextNonSpace();
        Backup();
        return token;
    }

    private TemplatePosition PositionOf(TemplateToken token)
    {
        var line = Array.BinarySearch(_lineStarts, token.Offset);
        line = line >= 0 ? line : ~line - 1;
        return new TemplatePosition(token.Offset, line + 1, token.Offset - _lineStarts[line] + 1);
    }

    private TemplateException Unexpected(TemplateToken token, string context)
    {
        var what = token.Kind switch
        {
            TokenKind.Eof => "EOF",
            TokenKind.RightDelim => "\"}}\"",
            TokenKind.LeftDelim => "\"{{\"",
            TokenKind.RightParen => "\")\"",
            _ => $"\"{token.Value}\"",
        };
        return Error(PositionOf(token), $"unexpected {what} in {context}");
    }

    private static TemplateException Error(TemplatePosition position, string reason) => new(position, reason, duringExecution: false);
}
