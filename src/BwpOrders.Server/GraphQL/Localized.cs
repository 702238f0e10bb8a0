using BwpOrders.Domain.Model;

namespace BwpOrders.Server.GraphQL;

/// <summary>BwP's LocalizedString values: this server speaks US English.</summary>
public static class Localized
{
    public static LocalizedText English(string text) => new("en-US", text);
}
