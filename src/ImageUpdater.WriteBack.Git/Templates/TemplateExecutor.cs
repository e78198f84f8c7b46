using System.Text;

namespace ImageUpdater.WriteBack.Git.Templates;

/// <summary>
/// Runs a parsed template over a value the way Go's text/template executor does: same variable scoping, truth,
/// field lookup, function-argument conversions and errors, within <see cref="TemplateLimits"/>.
/// </summary>
internal sealed class TemplateExecutor
{
    private readonly StringBuilder _output = new();
    private readonly List<(string Name, object? Value)> _variables = [];
    private int _steps;
    private long _produced;

    private enum Flow
    {
        Normal,
        Break,
        Continue,
    }

    private TemplateExecutor(object? data) => _variables.Add(("$", data));

    public static string Execute(ListNode root, object? data)
    {
        var executor = new TemplateExecutor(data);
        executor.Walk(data, root);
        return executor._output.ToString();
    }

    private Flow Walk(object? dot, TemplateNode node)
    {
        Step(node);
        switch (node)
        {
            case ListNode list:
                foreach (var child in list.Nodes)
                {
                    var flow = Walk(dot, child);
                    if (flow != Flow.Normal)
                    {
                        return flow;
                    }
                }

                return Flow.Normal;
            case TextNode text:
                Write(node, text.Text);
                return Flow.Normal;
            case ActionNode action:
                var value = EvalPipeline(dot, action.Pipe);
                if (action.Pipe.Declarations.Count == 0)
                {
                    Write(node, value is null ? "<no value>" : GoFormatter.Sprint([value]));
                }

                return Flow.Normal;
            case ControlNode { Kind: ControlKind.Range } range:
                return WalkRange(dot, range);
            case ControlNode control:
                return WalkIfOrWith(dot, control);
            case BreakNode:
                return Flow.Break;
            case ContinueNode:
                return Flow.Continue;
            default:
                throw Error(node, $"unknown node {node.GetType().Name}");
        }
    }

    private Flow WalkIfOrWith(object? dot, ControlNode control)
    {
        var mark = _variables.Count;
        try
        {
            var value = EvalPipeline(dot, control.Pipe);
            if (GoValues.IsTrue(value))
            {
                return Walk(control.Kind == ControlKind.With ? value : dot, control.List);
            }

            return control.ElseList is null ? Flow.Normal : Walk(dot, control.ElseList);
        }
        finally
        {
            Pop(mark);
        }
    }

    private Flow WalkRange(object? dot, ControlNode range)
    {
        var outerMark = _variables.Count;
        try
        {
            var value = EvalPipeline(dot, range.Pipe);
            var iterations = value switch
            {
                GoSlice slice => slice.Items.Select((item, i) => ((object?)(long)i, item)),
                GoMap map => map.Sorted.Select(entry => ((object?)entry.Key, (object?)entry.Value)),
                null => [],
                _ => throw Error(range, $"range can't iterate over {GoFormatter.Sprint([value])}"),
            };
            var mark = _variables.Count;
            var any = false;
            foreach (var (index, element) in iterations)
            {
                any = true;
                Step(range);
                if (range.Pipe.Declarations.Count > 0)
                {
                    SetTopVariable(1, element);
                }

                if (range.Pipe.Declarations.Count > 1)
                {
                    SetTopVariable(2, index);
                }

                var flow = Walk(element, range.List);
                Pop(mark);
                if (flow == Flow.Break)
                {
                    break;
                }
            }

            return !any && range.ElseList is not null ? Walk(dot, range.ElseList) : Flow.Normal;
        }
        finally
        {
            Pop(outerMark);
        }
    }

    private object? EvalPipeline(object? dot, PipeNode pipe)
    {
        object? value = null;
        var hasFinal = false;
        foreach (var command in pipe.Commands)
        {
            value = EvalCommand(dot, command, value, hasFinal);
            hasFinal = true;
        }

        foreach (var variable in pipe.Declarations)
        {
            if (pipe.IsAssign)
            {
                SetVariable(variable, value);
            }
            else
            {
                _variables.Add((variable.Names[0], value));
            }
        }

        return value;
    }

    private object? EvalCommand(object? dot, CommandNode command, object? final, bool hasFinal)
    {
        Step(command);
        var first = command.Arguments[0];
        switch (first)
        {
            case FieldNode field:
                return EvalFieldChain(dot, field, field.Names, command.Arguments, hasFinal);
            case ChainNode chain:
                return EvalChain(dot, chain, command.Arguments, final, hasFinal);
            case IdentifierNode identifier:
                return EvalFunction(dot, identifier, command.Arguments, final, hasFinal);
            case PipeNode pipe:
                NotAFunction(command.Arguments, hasFinal);
                return EvalPipeline(dot, pipe);
            case VariableNode variable:
                return EvalVariable(dot, variable, command.Arguments, final, hasFinal);
        }

        NotAFunction(command.Arguments, hasFinal);
        return first switch
        {
            BoolNode b => b.Value,
            DotNode => dot,
            NilNode => throw Error(first, "nil is not a command"),
            NumberNode n => n.Value,
            StringNode s => s.Value,
            _ => throw Error(first, $"can't evaluate command {first}"),
        };
    }

    private static void NotAFunction(List<TemplateNode> arguments, bool hasFinal)
    {
        if (arguments.Count > 1 || hasFinal)
        {
            throw Error(arguments[0], $"can't give argument to non-function {arguments[0]}");
        }
    }

    private object? EvalChain(object? dot, ChainNode chain, List<TemplateNode>? arguments, object? final, bool hasFinal)
    {
        if (chain.Node is NilNode)
        {
            throw Error(chain, $"indirection through explicit nil in {chain}");
        }

        var receiver = EvalArgument(dot, null, chain.Node);
        return EvalFieldChain(receiver, chain, chain.Fields, arguments, hasFinal);
    }

    private object? EvalVariable(object? dot, VariableNode variable, List<TemplateNode>? arguments, object? final, bool hasFinal)
    {
        var value = VariableValue(variable);
        if (variable.Names.Length == 1)
        {
            NotAFunction(arguments ?? [variable], hasFinal);
            return value;
        }

        return EvalFieldChain(value, variable, variable.Names[1..], arguments, hasFinal);
    }

    private static object? EvalFieldChain(object? receiver, TemplateNode node, string[] names, List<TemplateNode>? arguments, bool hasFinal)
    {
        for (var i = 0; i < names.Length - 1; i++)
        {
            receiver = EvalField(names[i], node, hasArguments: false, receiver);
        }

        var hasArguments = (arguments?.Count ?? 0) > 1 || hasFinal;
        return EvalField(names[^1], node, hasArguments, receiver);
    }

    private static object? EvalField(string name, TemplateNode node, bool hasArguments, object? receiver)
    {
        switch (receiver)
        {
            case null:
                return null;
            case GoStruct structure when structure.TryGetField(name, out var field):
                return hasArguments ? throw Error(node, $"{name} has arguments but cannot be invoked as function") : field;
            case GoMap map:
                if (hasArguments)
                {
                    throw Error(node, $"{name} is not a method but has arguments");
                }

                // A missing key is Go's invalid value: it prints as "<no value>".
                return map.TryGetValue(name, out var value) ? value : null;
            default:
                throw Error(node, $"can't evaluate field {name} in type {GoValues.TypeName(receiver)}");
        }
    }

    private object? EvalFunction(object? dot, IdentifierNode identifier, List<TemplateNode>? arguments, object? final, bool hasFinal)
    {
        var function = GoTemplateFunctions.Get(identifier.Name);
        var args = arguments is null ? [] : arguments.Skip(1).ToList();
        var count = args.Count + (hasFinal ? 1 : 0);
        if (function.Variadic is not null)
        {
            if (count < function.Fixed.Length)
            {
                throw Error(identifier, $"wrong number of args for {function.Name}: want at least {function.Fixed.Length} got {args.Count}");
            }
        }
        else if (count != function.Fixed.Length)
        {
            throw Error(identifier, $"wrong number of args for {function.Name}: want {function.Fixed.Length} got {count}");
        }

        if (function.Name is "and" or "or")
        {
            return ShortCircuit(dot, function.Name == "or", args, final, hasFinal, identifier);
        }

        var values = new object?[count];
        for (var i = 0; i < args.Count; i++)
        {
            values[i] = EvalArgument(dot, KindAt(function, i), args[i]);
        }

        if (hasFinal)
        {
            values[count - 1] = Validate(final, KindAt(function, count - 1), identifier);
        }

        object? result;
        try
        {
            result = function.Invoke(values);
        }
        catch (GoCallException failure)
        {
            throw Error(identifier, $"error calling {function.Name}: {failure.Message}");
        }

        if (result is string text)
        {
            _produced += text.Length;
            if (_produced > TemplateLimits.MaxProducedLength)
            {
                throw Error(identifier, $"functions produced more than {TemplateLimits.MaxProducedLength} characters");
            }
        }

        return result;
    }

    private object? ShortCircuit(object? dot, bool isOr, List<TemplateNode> args, object? final, bool hasFinal, TemplateNode node)
    {
        object? value = null;
        foreach (var argument in args)
        {
            value = EvalArgument(dot, ParameterKind.Value, argument);
            if (GoValues.IsTrue(value) == isOr)
            {
                return value;
            }
        }

        return hasFinal ? Validate(final, ParameterKind.Value, node) : value;
    }

    private static ParameterKind KindAt(GoFunction function, int index) =>
        index < function.Fixed.Length ? function.Fixed[index] : function.Variadic!.Value;

    /// <summary>Evaluates one argument as Go's evalArg does; kind null means "evaluate as is" (a chain's receiver).</summary>
    private object? EvalArgument(object? dot, ParameterKind? kind, TemplateNode node)
    {
        Step(node);
        object? value;
        switch (node)
        {
            case DotNode:
                value = dot;
                break;
            case NilNode:
                return kind == ParameterKind.Text ? throw Error(node, "cannot assign nil to string") : null;
            case FieldNode field:
                value = EvalFieldChain(dot, field, field.Names, [node], hasFinal: false);
                break;
            case VariableNode variable:
                value = EvalVariable(dot, variable, null, null, hasFinal: false);
                break;
            case PipeNode pipe:
                value = EvalPipeline(dot, pipe);
                break;
            case IdentifierNode identifier:
                value = EvalFunction(dot, identifier, null, null, hasFinal: false);
                break;
            case ChainNode chain:
                value = EvalChain(dot, chain, null, null, hasFinal: false);
                break;
            case StringNode s:
                return s.Value;
            case BoolNode or NumberNode when kind == ParameterKind.Text:
                throw Error(node, $"expected string; found {node}");
            case BoolNode b:
                return b.Value;
            case NumberNode n:
                return n.Value;
            default:
                throw Error(node, $"can't handle {node} for arg");
        }

        return kind is null ? value : Validate(value, kind.Value, node);
    }

    private static object? Validate(object? value, ParameterKind kind, TemplateNode node)
    {
        if (value is null)
        {
            // Go passes a missing value on as nil, except where the function wants a string.
            return kind == ParameterKind.Text ? throw Error(node, "invalid value; expected string") : null;
        }

        if (kind == ParameterKind.Text && value is not string)
        {
            throw Error(node, $"wrong type for value; expected string; got {GoValues.TypeName(value)}");
        }

        return value;
    }

    private object? VariableValue(VariableNode variable)
    {
        for (var i = _variables.Count - 1; i >= 0; i--)
        {
            if (_variables[i].Name == variable.Names[0])
            {
                return _variables[i].Value;
            }
        }

        throw Error(variable, $"undefined variable: {variable.Names[0]}");
    }

    private void SetVariable(VariableNode variable, object? value)
    {
        for (var i = _variables.Count - 1; i >= 0; i--)
        {
            if (_variables[i].Name == variable.Names[0])
            {
                _variables[i] = (variable.Names[0], value);
                return;
            }
        }

        throw Error(variable, $"undefined variable: {variable.Names[0]}");
    }

    private void SetTopVariable(int fromTop, object? value)
    {
        var at = _variables.Count - fromTop;
        _variables[at] = (_variables[at].Name, value);
    }

    private void Pop(int mark) => _variables.RemoveRange(mark, _variables.Count - mark);

    private void Write(TemplateNode node, string text)
    {
        if (_output.Length + text.Length > TemplateLimits.MaxOutputLength)
        {
            throw Error(node, $"output exceeds {TemplateLimits.MaxOutputLength} characters");
        }

        _output.Append(text);
    }

    private void Step(TemplateNode node)
    {
        if (++_steps > TemplateLimits.MaxSteps)
        {
            throw Error(node, $"execution exceeds {TemplateLimits.MaxSteps} steps");
        }
    }

    private static TemplateException Error(TemplateNode node, string reason) => new(node.Position, reason, duringExecution: true);
}
