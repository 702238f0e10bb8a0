using System.Runtime.CompilerServices;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;

namespace BwpOrders.Server.GraphQL;

/// <summary>
/// GraphQL.NET's serial strategy, remembering which fields a selection set collects to. GraphQL.NET collects them
/// again for every object in a result (each line item of each request) although, without @skip or @include, the
/// answer depends only on the selection set and the object's type. So for an operation whose
/// <see cref="ArgumentPlan"/> found no directives (a validated, cached document), the collected fields are kept with
/// the selection set; any other operation is collected by GraphQL.NET as before.
/// </summary>
public sealed class PlannedExecutionStrategy(PlannedDocumentValidator plans) : SerialExecutionStrategy
{
    private sealed record Collected(IGraphType Type, (GraphQLField Field, FieldType Definition)[] Fields);

    // Keyed by the document's own nodes, so an entry lives exactly as long as the cached document it describes.
    private readonly ConditionalWeakTable<GraphQLSelectionSet, Collected[]> _collected = [];

    protected override void SetSubFieldNodes(global::GraphQL.Execution.ExecutionContext context, ObjectExecutionNode parent)
    {
        if (parent.SelectionSet is not { } selectionSet || plans.Find(context.Operation) is not { HasDirectives: false } plan
            || plan.Schema != context.Schema)
        {
            base.SetSubFieldNodes(context, parent);
            return;
        }
        var type = parent.GetObjectGraphType(context.Schema) ?? parent.GraphType;
        var fields = Collect(context, type, selectionSet);
        var nodes = new ExecutionNode[fields.Length];
        for (var i = 0; i < fields.Length; i++)
            nodes[i] = BuildExecutionNode(parent, fields[i].Definition.ResolvedType!, fields[i].Field, fields[i].Definition);
        parent.SubFields = nodes;
    }

    private (GraphQLField Field, FieldType Definition)[] Collect(global::GraphQL.Execution.ExecutionContext context, IGraphType type, GraphQLSelectionSet selectionSet)
    {
        var known = _collected.TryGetValue(selectionSet, out var entries) ? entries : [];
        foreach (var entry in known)
            if (entry.Type == type) return entry.Fields;
        var fields = CollectFieldsFrom(context, type, selectionSet, null).Values.ToArray();
        // A race adds the same answer twice at worst; the array is replaced whole, never changed in place.
        _collected.AddOrUpdate(selectionSet, [.. known, new Collected(type, fields)]);
        return fields;
    }
}
