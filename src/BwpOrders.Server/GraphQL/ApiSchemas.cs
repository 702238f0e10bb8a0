using System.Reflection;
using BwpOrders.Domain.Model;
using BwpOrders.Server.Versions;
using GraphQL.Types;
using GraphQL.Utilities;

namespace BwpOrders.Server.GraphQL;

/// <summary>
/// The API versions this server speaks, each with its own GraphQL schema built from SDL files (the version's own,
/// the groups of types it shares with others, and in the sandbox its sandbox mutations).
/// </summary>
public sealed class ApiSchemas(bool production = false)
{
    public const string V2024_01_01 = "2024-01-01";
    public const string V2024_04_01 = "2024-04-01";
    public const string V2024_11_01 = "2024-11-01";
    public const string Latest = V2024_11_01;

    /// <summary>The versions served, oldest first (known without building their schemas).</summary>
    public static IReadOnlyList<string> AllVersions { get; } = [V2024_01_01, V2024_04_01, V2024_11_01];

    private readonly Dictionary<string, ISchema> _schemas = new()
    {
        [V2024_01_01] = Build(["v2024-01-01.graphql", "v2024-01-01.events.graphql"], production ? [] : ["v2024-01-01.sandbox.graphql"], V2024_01_01_Adapter.Configure),
        [V2024_04_01] = Build(["v2024-04-01.graphql", "cancellation.graphql", "reversal-offers.graphql", "v2024-04-01.events.graphql"], [], V2024_04_01_Adapter.Configure),
        [V2024_11_01] = Build(["v2024-11-01.graphql", "cancellation.graphql", "reversal-offers.graphql", "v2024-11-01.events.graphql"],
            production ? [] : ["v2024-11-01.sandbox.graphql"], V2024_11_01_Adapter.Configure),
    };

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _printed = new();

    public IReadOnlyCollection<string> Versions => _schemas.Keys;

    public ISchema? Find(string version) => _schemas.GetValueOrDefault(version);

    /// <summary>The whole SDL of a version as this server serves it (its environment's mutations), for codegen.</summary>
    public string? Print(string version) =>
        Find(version) is { } schema ? _printed.GetOrAdd(version, _ => SchemaSdl.Print(schema)) : null;

    private static ISchema Build(string[] files, string[] sandboxFiles, Action<SchemaBuilder> configureVersion)
    {
        var sdl = string.Join("\n", new[] { "common.graphql", "events.graphql" }.Concat(files).Concat(sandboxFiles).Select(ReadSdl));
        var schema = Schema.For<BwpSchemaBuilder>(sdl, builder =>
        {
            ConfigureCommon(builder);
            configureVersion(builder);
        });
        // Field names are exactly as BwP spells them (2024-01-01 has an upper-case ItemIdInput.ID), never re-cased.
        schema.NameConverter = global::GraphQL.Conversion.DefaultNameConverter.Instance;
        schema.Initialize();
        return schema;
    }

    /// <summary>Field mappings and operations every version shares.</summary>
    private static void ConfigureCommon(SchemaBuilder builder) => builder
        .Common()
        .Cancellations()
        .Root("Mutation", "createOrder", OrderOperations.Create);

    private static string ReadSdl(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"BwpOrders.Server.Versions.{name}")
            ?? throw new InvalidOperationException($"schema resource {name} is missing");
        return new StreamReader(stream).ReadToEnd();
    }
}

/// <summary>The payload of createOrder and updateOrder: the order (and, in 2024-01-01 updateOrder, its id).</summary>
public sealed record OrderResponse(Order Order)
{
    public string Id => Order.Id;
}
