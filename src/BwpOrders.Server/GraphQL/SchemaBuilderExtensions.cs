using GraphQL;
using GraphQL.Resolvers;
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

    /// <summary>Resolves a root field (query or mutation) asynchronously with the request context.</summary>
    public static SchemaBuilder Root(this SchemaBuilder builder, string type, string field, Func<IResolveFieldContext, RequestContext, Task<object?>> resolve)
    {
        builder.Types.For(type).FieldFor(field).Resolver =
            new FuncFieldResolver<object?>(ctx => new ValueTask<object?>(resolve(ctx, (RequestContext)ctx.UserContext)));
        return builder;
    }

    public static Input Argument(this IResolveFieldContext context, string name) =>
        Input.From(context.GetArgument<Dictionary<string, object?>>(name));
}
