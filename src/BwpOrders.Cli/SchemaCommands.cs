using System.CommandLine;
using BwpOrders.Server.Api;
using BwpOrders.Server.GraphQL;

namespace BwpOrders.Cli;

/// <summary><c>schema print</c>: a version's whole SDL, as <c>GET /schema/VERSION.graphql</c> serves it, for codegen.</summary>
public static class SchemaCommands
{
    public static Command Build(Option<string> environment)
    {
        var version = new Option<string>("--version") { Description = "The API version", DefaultValueFactory = _ => ApiVersion.Latest.Name };
        version.AcceptOnlyFromAmong([.. ApiVersion.All.Select(v => v.Name)]);
        var print = new Command("print", "Print a version's schema (SDL) as the server serves it in the environment") { version, environment };
        print.SetAction(parse =>
        {
            var schemas = new ApiSchemas(production: parse.GetValue(environment) == "production");
            Console.Out.Write(schemas.Print(parse.GetValue(version)!));
            return 0;
        });
        return new Command("schema", "The GraphQL schemas the server serves") { print };
    }
}
