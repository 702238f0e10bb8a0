using System.Reflection;
using BwpOrders.Domain.Model;
using BwpOrders.Server.Api;
using GraphQL.Types;
using GraphQL.Utilities;

namespace BwpOrders.Server.GraphQL;

/// <summary>
/// The GraphQL schema of each API version this server speaks (<see cref="ApiVersion.All"/>, or the versions given),
/// composed of the modules' SDL and resolvers for that version (<see cref="ApiModules"/>).
/// </summary>
public sealed class ApiSchemas
{
    private readonly Dictionary<string, (ApiVersion Version, ISchema Schema)> _schemas;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _printed = new();

    public ApiSchemas(bool production = false, IReadOnlyList<ApiVersion>? versions = null) =>
        _schemas = (versions ?? ApiVersion.All).ToDictionary(v => v.Name, v => (v, Build(v, production)));

    /// <summary>The names of the versions served, oldest first.</summary>
    public IReadOnlyCollection<string> Versions => _schemas.Keys;

    public ISchema? Find(string version) => _schemas.GetValueOrDefault(version).Schema;

    public ISchema Find(ApiVersion version) => _schemas[version.Name].Schema;

    /// <returns>The served version named <paramref name="name"/>, or null.</returns>
    public ApiVersion? Version(string name) => _schemas.TryGetValue(name, out var served) ? served.Version : null;

    /// <summary>The whole SDL of a version as this server serves it (its environment's mutations), for codegen.</summary>
    public string? Print(string version) =>
        Find(version) is { } schema ? _printed.GetOrAdd(version, _ => SchemaSdl.Print(schema)) : null;

    private static ISchema Build(ApiVersion version, bool production)
    {
        var files = ApiModules.All.SelectMany(m => m.Sdl(version, production));
        var schema = Schema.For<BwpSchemaBuilder>(string.Join("\n", files.Select(ReadSdl)), builder =>
        {
            foreach (var module in ApiModules.All) module.Configure(builder, version);
        });
        // Field names are exactly as BwP spells them (2024-01-01 has an upper-case ItemIdInput.ID), never re-cased.
        schema.NameConverter = global::GraphQL.Conversion.DefaultNameConverter.Instance;
        schema.Initialize();
        return schema;
    }

    private static string ReadSdl(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Api/{name}")
            ?? throw new InvalidOperationException($"schema resource {name} is missing");
        return new StreamReader(stream).ReadToEnd();
    }
}

/// <summary>The payload of createOrder and updateOrder: the order (and, in 2024-01-01 updateOrder, its id).</summary>
public sealed record OrderResponse(Order Order)
{
    public string Id => Order.Id;
}
