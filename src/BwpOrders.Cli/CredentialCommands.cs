using System.CommandLine;
using System.Text.Json;
using BwpOrders.Domain.Access;
using BwpOrders.Server.Hosting;
using BwpOrders.Storage;

namespace BwpOrders.Cli;

/// <summary><c>credentials create|list|revoke</c>: manage API credentials directly in a store.</summary>
public static class CredentialCommands
{
    public static Command Build(Option<string> storage)
    {
        var target = new Option<string>("--target-id") { Description = "The target (tenant) the credential acts for", Required = true };
        var scopes = new Option<string>("--scopes") { Description = $"Comma-separated scopes, or 'all'. Known: {string.Join(", ", Scopes.All)}", Required = true };
        var json = new Option<bool>("--json") { Description = "Print {clientId, clientSecret, targetId, scopes} as JSON and nothing else" };
        var create = new Command("create", "Create a credential; its secret is shown once") { target, scopes, json, storage };
        create.SetAction(async (parse, ct) =>
        {
            var service = await OpenAsync(parse.GetValue(storage)!, ct);
            var issued = await service.CreateAsync(parse.GetValue(target)!, Scopes.Parse(parse.GetValue(scopes)!), ct);
            var credential = ApiCredential.From(issued);
            if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(credential, JsonSerializerOptions.Web));
            else Print(credential, null);
            return 0;
        });

        var list = new Command("list", "List credentials (never their secrets)") { storage };
        list.SetAction(async (parse, ct) =>
        {
            var store = StorageSpec.Open(parse.GetValue(storage)!);
            await store.Orders.MigrateAsync(ct);
            foreach (var c in await store.Credentials.ListAsync(ct))
                Console.WriteLine($"{c.ClientId}\t{c.TargetId}\t{(c.IsRevoked ? "revoked " + c.RevokedAt : "active")}\t{string.Join(", ", c.Scopes)}");
            return 0;
        });

        var clientId = new Argument<string>("CLIENT_ID") { Description = "The credential to revoke" };
        var revoke = new Command("revoke", "Revoke a credential; its tokens stop working within seconds") { clientId, storage };
        revoke.SetAction(async (parse, ct) =>
        {
            var service = await OpenAsync(parse.GetValue(storage)!, ct);
            if (await service.RevokeAsync(parse.GetValue(clientId)!, ct)) { Console.WriteLine("revoked"); return 0; }
            Console.Error.WriteLine("No active credential with that client id.");
            return 1;
        });

        return new Command("credentials", "Manage API credentials") { create, list, revoke };
    }

    /// <summary>
    /// Production never makes or prints a credential (its secret would land in the logs): on a store without one, it
    /// says how to create one.
    /// </summary>
    public static async Task AdviseIfNoneAsync(ICredentialStore credentials, CancellationToken ct)
    {
        if ((await credentials.ListAsync(ct)).Count > 0) return;
        Console.WriteLine("This store has no API credentials yet. Create one with: credentials create --target-id ID --scopes LIST --storage SPEC");
    }

    private static async Task<CredentialService> OpenAsync(string spec, CancellationToken ct)
    {
        var storage = StorageSpec.Open(spec);
        await storage.Orders.MigrateAsync(ct);
        return new CredentialService(storage.Credentials, TimeProvider.System);
    }

    /// <summary>The credential <c>serve</c> made at start, and how to try it against <paramref name="baseAddress"/>.</summary>
    public static void PrintSandbox(ApiCredential credential, Uri baseAddress) => Print(credential, baseAddress.GetLeftPart(UriPartial.Authority));

    private static void Print(ApiCredential c, string? baseUrl)
    {
        Console.WriteLine($"""
            {(baseUrl is null ? "Created credential" : "Created a sandbox credential")} (the secret is shown only now):
              client id:     {c.ClientId}
              client secret: {c.ClientSecret}
              target id:     {c.TargetId}
              scopes:        {string.Join(", ", c.Scopes)}
            """);
        if (baseUrl is null) return;
        Console.WriteLine($$"""

            Try it:
              TOKEN=$(curl -s {{baseUrl}}/token -d grant_type=client_credentials -d client_id={{c.ClientId}} -d client_secret={{c.ClientSecret}} | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
              curl -s {{baseUrl}}/graphql -H "Authorization: Bearer $TOKEN" -H 'x-api-target-id: {{c.TargetId}}' -H 'x-api-version: 2024-11-01' -H 'content-type: application/json' \
                -d '{"query":"{ order(orderIdentifier: {orderId: \"none\"}) { id } }"}'

            """);
    }
}
