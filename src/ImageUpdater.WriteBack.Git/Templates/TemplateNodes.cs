namespace ImageUpdater.WriteBack.Git.Templates;

/// <summary>A node of a parsed template, with where it starts for error messages.</summary>
internal abstract record TemplateNode(TemplatePosition Position);

internal sealed record TextNode(TemplatePosition Position, string Text) : TemplateNode(Position);

internal sealed record ListNode(TemplatePosition Position, List<TemplateNode> Nodes) : TemplateNode(Position);

/// <summary>An action that prints its pipeline's value unless the pipeline declares or assigns variables.</summary>
internal sealed record ActionNode(TemplatePosition Position, PipeNode Pipe) : TemplateNode(Position);

internal enum ControlKind
{
    If,
    Range,
    With,
}

internal sealed record ControlNode(TemplatePosition Position, ControlKind Kind, PipeNode Pipe, ListNode List, ListNode? ElseList)
    : TemplateNode(Position);

internal sealed record BreakNode(TemplatePosition Position) : TemplateNode(Position);

internal sealed record ContinueNode(TemplatePosition Position) : TemplateNode(Position);

/// <summary>The <c>{{else}}</c> and <c>{{end}}</c> markers exist only while parsing.</summary>
internal sealed record ElseNode(TemplatePosition Position) : TemplateNode(Position);

internal sealed record EndNode(TemplatePosition Position) : TemplateNode(Position);

/// <summary>Commands joined by <c>|</c>, optionally declaring (<c>:=</c>) or assigning (<c>=</c>) variables.</summary>
internal sealed record PipeNode(TemplatePosition Position, List<VariableNode> Declarations, bool IsAssign, List<CommandNode> Commands)
    : TemplateNode(Position);

internal sealed record CommandNode(TemplatePosition Position, List<TemplateNode> Arguments) : TemplateNode(Position);

/// <summary><c>.A.B</c>: fields looked up from dot.</summary>
internal sealed record FieldNode(TemplatePosition Position, string[] Names) : TemplateNode(Position)
{
    public override string ToString() => "." + string.Join('.', Names);
}

/// <summary><c>$x.A.B</c>: a variable and the fields looked up from it.</summary>
internal sealed record VariableNode(TemplatePosition Position, string[] Names) : TemplateNode(Position)
{
    public override string ToString() => string.Join('.', Names);
}

/// <summary><c>(pipeline).A.B</c>.</summary>
internal sealed record ChainNode(TemplatePosition Position, TemplateNode Node, string[] Fields) : TemplateNode(Position)
{
    public override string ToString() => Node + "." + string.Join('.', Fields);
}

internal sealed record IdentifierNode(TemplatePosition Position, string Name) : TemplateNode(Position)
{
    public override string ToString() => Name;
}

internal sealed record DotNode(TemplatePosition Position) : TemplateNode(Position)
{
    public override string ToString() => ".";
}

internal sealed record NilNode(TemplatePosition Position) : TemplateNode(Position)
{
    public override string ToString() => "nil";
}

internal sealed record BoolNode(TemplatePosition Position, bool Value) : TemplateNode(Position)
{
    public override string ToString() => Value ? "true" : "false";
}

/// <summary>A number literal: Go's int when it has no fraction or exponent syntax, else float64.</summary>
internal sealed record NumberNode(TemplatePosition Position, string Text, object Value) : TemplateNode(Position)
{
    public override string ToString() => Text;
}

internal sealed record StringNode(TemplatePosition Position, string Quoted, string Value) : TemplateNode(Position)
{
    public override string ToString() => Quoted;
}
