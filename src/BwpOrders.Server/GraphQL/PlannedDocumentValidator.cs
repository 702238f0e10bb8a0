using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace BwpOrders.Server.GraphQL;

/// <summary>
/// GraphQL.NET's <see cref="DocumentValidator"/>, except for an operation already validated against the schema
/// (the caller says so by passing no rules, as for a cached document). Even with no rules, GraphQL.NET walks the
/// document twice per request — once to find where variables are used, once to read every field's arguments —
/// which was a quarter of a cached query's CPU. Here those walks happen once per operation, into an
/// <see cref="ArgumentPlan"/>; each request only coerces its variables and reads the arguments of the fields that
/// have any, with GraphQL.NET's own coercion, so the values and errors are the ones it would give.
/// </summary>
public sealed class PlannedDocumentValidator : IDocumentValidator
{
    private readonly DocumentValidator _full = new();
    private readonly ConditionalWeakTable<GraphQLOperationDefinition, ArgumentPlan> _plans = [];

    /// <summary>The plan of an operation validated before (one from a cached document), if there is one.</summary>
    public ArgumentPlan? Find(GraphQLOperationDefinition operation) => _plans.TryGetValue(operation, out var plan) ? plan : null;

    public Task<IValidationResult> ValidateAsync(in ValidationOptions options)
    {
        if (options.Rules is null || options.Rules.Any()) return _full.ValidateAsync(options);
        options.Schema.Initialize();
        if (!_plans.TryGetValue(options.Operation, out var plan) || plan.Schema != options.Schema)
        {
            plan = new ArgumentPlan(options.Schema, options.Document, options.Operation);
            _plans.AddOrUpdate(options.Operation, plan);
        }
        return plan.ValidateAsync(options);
    }
}

/// <summary>
/// For one validated operation: the fields that have arguments (with their definitions) and the nodes that have
/// directives, found by the walk GraphQL.NET's argument parser does; and validation contexts that already know
/// where each variable is used, so coercing variables needs no walk.
/// </summary>
public sealed class ArgumentPlan
{
    /// <summary>Enough for every core to have one at once; beyond that a context is made (and walks) per request.</summary>
    private static readonly int PooledContexts = Environment.ProcessorCount * 2;

    private readonly List<(GraphQLField Field, FieldType Definition)> _fields = [];
    private readonly List<ASTNode> _directed = [];
    private readonly ConcurrentQueue<ValidationContext> _contexts = new();

    public ArgumentPlan(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        (Schema, Document, Operation) = (schema, document, operation);
        var root = operation.Operation switch
        {
            OperationType.Query => schema.Query,
            OperationType.Mutation => schema.Mutation,
            OperationType.Subscription => schema.Subscription,
            _ => null,
        };
        if (root is null) return;
        Directed(operation);
        foreach (var variable in operation.Variables?.Items ?? []) Directed(variable);
        Walk(operation.SelectionSet, root, []);
    }

    public ISchema Schema { get; }
    public GraphQLDocument Document { get; }
    public GraphQLOperationDefinition Operation { get; }

    /// <summary>Whether any node of the operation (or a fragment it uses) has a directive such as @skip.</summary>
    public bool HasDirectives => _directed.Count > 0;

    public async Task<IValidationResult> ValidateAsync(ValidationOptions options)
    {
        var variables = Variables.None;
        if (Operation.Variables?.Count > 0)
        {
            var context = Rent(options);
            List<ValidationError>? variableErrors;
            try
            {
                (variables, variableErrors) = await context.GetVariablesValuesAsync().ConfigureAwait(false);
            }
            finally
            {
                Return(context);
            }
            if (variableErrors is not null) return new ValidationResult(variableErrors) { Variables = variables };
        }

        List<ValidationError>? errors = null;
        Dictionary<GraphQLField, IDictionary<string, ArgumentValue>>? arguments = null;
        Dictionary<ASTNode, IDictionary<string, DirectiveInfo>>? directives = null;
        foreach (var (field, definition) in _fields)
        {
            try
            {
                if (ExecutionHelper.GetArguments(definition.Arguments, field.Arguments, variables, Document, field, null) is { } values)
                    (arguments ??= [])[field] = values;
            }
            catch (ValidationError e)
            {
                (errors ??= []).Add(e);
            }
        }
        foreach (var node in _directed)
        {
            try
            {
                if (ExecutionHelper.GetDirectives((IHasDirectivesNode)node, variables, Schema, Document) is { } values)
                    (directives ??= [])[node] = values;
            }
            catch (ValidationError e)
            {
                (errors ??= []).Add(e);
            }
        }

        return new ValidationResult(errors ?? []) { Variables = variables, ArgumentValues = arguments, DirectiveValues = directives };
    }

    /// <summary>The same walk as GraphQL.NET's ParseArgumentVisitor: the selected operation, and each fragment once.</summary>
    private void Walk(GraphQLSelectionSet? selections, IGraphType? type, HashSet<string> visitedFragments)
    {
        foreach (var selection in selections?.Selections ?? [])
        {
            Directed(selection);
            switch (selection)
            {
                case GraphQLField field:
                    var definition = FieldDefinition(field, type as IComplexGraphType);
                    if (definition is null) break;
                    if (field.Arguments?.Count > 0) _fields.Add((field, definition));
                    // A union has no fields of its own: its selections are fragments that name their types.
                    if (definition.ResolvedType?.GetNamedType() is var named && named is IComplexGraphType or UnionGraphType)
                        Walk(field.SelectionSet, named as IComplexGraphType, visitedFragments);
                    break;
                case GraphQLInlineFragment inline:
                    Walk(inline.SelectionSet, inline.TypeCondition is null ? type : Named(inline.TypeCondition), visitedFragments);
                    break;
                case GraphQLFragmentSpread spread when visitedFragments.Add(spread.FragmentName.Name.StringValue):
                    if (Document.FindFragmentDefinition(spread.FragmentName.Name.Value) is { } fragment)
                    {
                        Directed(fragment);
                        Walk(fragment.SelectionSet, Named(fragment.TypeCondition), visitedFragments);
                    }
                    break;
            }
        }
    }

    private FieldType? FieldDefinition(GraphQLField field, IComplexGraphType? type) =>
        field.Name.Value == Schema.TypeMetaFieldType.Name ? Schema.TypeMetaFieldType :
        field.Name.Value == Schema.TypeNameMetaFieldType.Name ? Schema.TypeNameMetaFieldType :
        field.Name.Value == Schema.SchemaMetaFieldType.Name ? Schema.SchemaMetaFieldType :
        type?.Fields.Find(field.Name.Value);

    /// <summary>A fragment's type: an object or interface to look fields up in; a union has none of its own.</summary>
    private IGraphType? Named(GraphQLTypeCondition condition) => Schema.AllTypes[condition.Type.Name.Value]?.GetNamedType() switch
    {
        IComplexGraphType complex => complex,
        _ => null,
    };

    private void Directed(ASTNode node)
    {
        if (node is IHasDirectivesNode { Directives.Count: > 0 }) _directed.Add(node);
    }

    private ValidationContext Rent(ValidationOptions options)
    {
        if (!_contexts.TryDequeue(out var context))
        {
            context = new ValidationContext { Schema = Schema, Document = Document, Operation = Operation };
            context.GetRecursiveVariables(Operation); // remembered by the context: the walk this plan exists to skip
        }
        context.Variables = options.Variables;
        context.Extensions = options.Extensions;
        context.UserContext = options.UserContext;
        context.RequestServices = options.RequestServices;
        context.User = options.User;
        context.CancellationToken = options.CancellationToken;
        context.Metrics = options.Metrics;
        return context;
    }

    private void Return(ValidationContext context)
    {
        // Nothing of the request stays reachable from a pooled context.
        context.Variables = null!;
        context.Extensions = null!;
        context.UserContext = null!;
        context.RequestServices = null;
        context.User = null;
        context.CancellationToken = default;
        context.Metrics = null!;
        if (_contexts.Count < PooledContexts) _contexts.Enqueue(context);
    }
}
