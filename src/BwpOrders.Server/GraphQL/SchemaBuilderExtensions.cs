using GraphQL;
using GraphQL.Resolvers;
using BwpOrders.Server.Api;
using GraphQL.Utilities;

namespace BwpOrders.Server.GraphQL;

/// <summary>Small helpers so version adapters read as a list of field mappings.</summary>
public static class SchemaBuilderExtensions
{
    /// <summary>Resolves <paramref name="type"/>.<paramref name="field"/> from its parent object.</summary>
    public static SchemaBuilder Map<TSource>(this SchemaBuilder builder, string type, string field, Func<TSource, object?> resolve)
    {
        builder.Types.For(type).FieldFor(field).Resolver = new FuncFieldResolver<TSource, object?>(ctx => resolve(ctx.Source));
        return builder;
    }

    /// <summary>Resolves a field from its parent object and the resolve context (to reach enclosing objects).</summary>
    public static SchemaBuilder Map<TSource>(this SchemaBuilder builder, string type, string field, Func<TSource, IResolveFieldContext, object?> resolve)
    {
        builder.Types.For(type).FieldFor(field).Resolver = new FuncFieldResolver<TSource, object?>(ctx => resolve(ctx.Source, ctx));
        return builder;
    }

    /// <summary>Resolves a field that reads the store, from its parent object and the resolve context.</summary>
    public static SchemaBuilder MapAsync<TSource>(this SchemaBuilder builder, string type, string field, Func<TSource, IResolveFieldContext, Task<object?>> resolve)
    {
        builder.Types.For(type).FieldFor(field).Resolver = new FuncFieldResolver<TSource, object?>(ctx => new ValueTask<object?>(resolve(ctx.Source, ctx)));
        return builder;
    }

    /// <summary>Documented fields this server has no data for yet: always null.</summary>
    public static SchemaBuilder Null(this SchemaBuilder builder, string type, params string[] fields)
    {
        foreach (var field in fields)
            builder.Types.For(type).FieldFor(field).Resolver = new FuncFieldResolver<object?>(_ => null);
        return builder;
    }

    /// <summary>The nearest enclosing object of type <typeparamref name="T"/> (e.g. the line item a delivery offer belongs to).</summary>
    public static T? Ancestor<T>(this IResolveFieldContext context) where T : class
    {
        for (var current = context; current is not null; current = current.Parent)
            if (current.Source is T found) return found;
        return null;
    }

    /// <summary>
    /// Resolves a root field (query or mutation) asynchronously with the request context; <paramref name="paths"/>
    /// say where a domain error lies in this field's input (<see cref="InputPathsOf"/>).
    /// </summary>
    public static SchemaBuilder Root(this SchemaBuilder builder, string type, string field, Func<IResolveFieldContext, RequestContext, Task<object?>> resolve,
        InputPaths? paths = null)
    {
        var config = builder.Types.For(type).FieldFor(field);
        config.Resolver = new FuncFieldResolver<object?>(ctx => new ValueTask<object?>(resolve(ctx, (RequestContext)ctx.UserContext)));
        if (paths is not null) config.WithMetadata(InputPathsKey, paths);
        return builder;
    }

    private const string InputPathsKey = "bwp:inputPaths";

    /// <summary>How the root field that failed names its input's fields (the domain's own names where it states none).</summary>
    public static InputPaths InputPathsOf(IResolveFieldContext? field)
    {
        while (field?.Parent is not null) field = field.Parent;
        return field?.FieldDefinition.GetMetadata<InputPaths?>(InputPathsKey) ?? InputPaths.Domain;
    }

    public static Input Argument(this IResolveFieldContext context, string name) =>
        Input.From(context.GetArgument<Dictionary<string, object?>>(name));
}
