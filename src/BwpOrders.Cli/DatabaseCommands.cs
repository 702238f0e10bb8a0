using System.CommandLine;
using BwpOrders.Storage;

namespace BwpOrders.Cli;

/// <summary><c>db migrate</c> and <c>db status</c>, for operators who apply schema changes explicitly.</summary>
public static class DatabaseCommands
{
    public static Command Build(Option<string> storage)
    {
        var migrate = new Command("migrate", "Apply pending schema migrations (safe while servers run, and from several hosts at once)") { storage };
        migrate.SetAction(async (parse, ct) =>
        {
            var db = StorageSpec.Open(parse.GetValue(storage)!).Database;
            var (before, _) = await db.StatusAsync(ct);
            await db.MigrateAsync(ct);
            var (after, known) = await db.StatusAsync(ct);
            Console.WriteLine(after == before ? $"{db.Engine}: schema is current (version {after} of {known})" : $"{db.Engine}: migrated from version {before} to {after}");
            return 0;
        });

        var status = new Command("status", "Show the schema version; exit code 3 when migrations are pending") { storage };
        status.SetAction(async (parse, ct) =>
        {
            var db = StorageSpec.Open(parse.GetValue(storage)!).Database;
            var (applied, known) = await db.StatusAsync(ct);
            Console.WriteLine($"{db.Engine}: schema version {applied} of {known}{(applied < known ? $" ({known - applied} pending: run db migrate)" : " (current)")}");
            return applied < known ? 3 : 0;
        });

        return new Command("db", "Inspect and migrate the storage schema") { migrate, status };
    }
}
