using System.Reflection;
using System.Runtime.CompilerServices;
using BwpOrders.Domain;
using BwpOrders.Server.Api;
using BwpOrders.Server.Api.EventSubscriptions;
using BwpOrders.Server.GraphQL;

namespace BwpOrders.Tests;

/// <summary>
/// What differs between versions lives in <see cref="ApiVersion"/>, stated for each version: a new version cannot
/// leave a capability out (and so silently behave as an older one), and one added to the list is served as its
/// capabilities say.
/// </summary>
public sealed class ApiVersionTests
{
    [Fact]
    public void Every_capability_of_a_version_must_be_stated()
    {
        var unstated = typeof(ApiVersion).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<RequiredMemberAttribute>() is null)
            .Select(p => p.Name).ToList();
        Assert.True(unstated.Count == 0, $"ApiVersion properties with a default, which a new version could leave out: {string.Join(", ", unstated)}; make them required.");
    }

    [Fact]
    public void The_served_versions_are_parsed_by_name_and_the_newest_is_the_default()
    {
        Assert.Equal(["2024-01-01", "2024-04-01", "2024-11-01"], ApiVersion.All.Select(v => v.Name));
        Assert.Same(ApiVersion.All[^1], ApiVersion.Latest);
        Assert.All(ApiVersion.All, v => Assert.Same(v, ApiVersion.Parse(v.Name)));
        Assert.Null(ApiVersion.Parse("2099-01-01"));
        Assert.Null(ApiVersion.Parse(null));
    }

    [Theory]
    [InlineData("2024-11-01", EventNaming.Package)]
    [InlineData("2024-04-01", EventNaming.Delivery)]
    [InlineData("2024-04-01", EventNaming.Package)]
    public void A_fourth_version_is_served_as_its_capabilities_say(string schemaOf, EventNaming naming)
    {
        // A served version's schema (its Event interface with it), under a new name and with the naming under test.
        var fake = ApiVersion.Parse(schemaOf)! with { Name = "2099-01-01", EventNaming = naming };
        var schemas = new ApiSchemas(versions: [.. ApiVersion.All, fake]);

        Assert.Same(fake, schemas.Version("2099-01-01"));
        Assert.Contains("2099-01-01", schemas.Versions);
        Assert.NotNull(schemas.Find("2099-01-01")!.Query.GetField("order"));
        Assert.Equal(naming == EventNaming.Package ? "PACKAGE_DELIVERED" : "DELIVERY_COMPLETED", EventNames.In(fake, EventTypes.PackageDelivered));
        Assert.Equal(naming == EventNaming.Package ? EventTypes.OrderConfirmed : null, EventNames.Subscribable(fake, "ORDER_CONFIRMED"));
        Assert.Equal(naming == EventNaming.Package ? EventTypes.OrderConfirmed : null, EventNames.In(fake, EventTypes.OrderConfirmed));
    }
}
