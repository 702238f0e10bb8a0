using Microsoft.Net.Http.Headers;

namespace BwpOrders.Server.GraphQL;

/// <summary>
/// GraphQL over HTTP content negotiation: <c>application/graphql-response+json</c> when the client asks for it
/// (at least as much as for <c>application/json</c>), otherwise <c>application/json</c>, which is also the answer
/// to a missing, <c>*/*</c> or unsupported Accept header.
/// </summary>
public static class ResponseMediaType
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";

    public static string For(HttpRequest request) =>
        (PrefersGraphQLResponse(request) ? GraphQLResponse : Json) + "; charset=utf-8";

    public static bool PrefersGraphQLResponse(HttpRequest request)
    {
        IList<MediaTypeHeaderValue> accepted;
        try
        {
            accepted = request.GetTypedHeaders().Accept;
        }
        catch (FormatException)
        {
            return false;
        }
        double Quality(string mediaType) => accepted
            .Where(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        var graphQLResponse = Quality(GraphQLResponse);
        return graphQLResponse > 0 && graphQLResponse >= Quality(Json);
    }
}
