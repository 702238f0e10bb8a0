namespace BwpOrders.Domain.Rules;

/// <summary>
/// The keyed-upsert loop shared by refunds and returns: each input entry either names an existing entity
/// (which may be named only once per request) or creates a new one.
/// </summary>
internal static class Upsert
{
    public static void Each<TPatch, TEntity>(
        IReadOnlyList<TPatch> patches,
        FieldPath list,
        Func<TPatch, FieldPath, TEntity?> find,
        Func<TPatch, FieldPath, TEntity> create,
        Action<TEntity, TPatch, FieldPath> update,
        Func<TEntity, string> idOf,
        string duplicateCode,
        string what) where TEntity : class
    {
        var touched = new HashSet<TEntity>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < patches.Count; i++)
        {
            var path = list[i];
            var existing = find(patches[i], path);
            if (existing is null)
            {
                touched.Add(create(patches[i], path));
                continue;
            }
            if (!touched.Add(existing))
                throw BwpException.Validation(duplicateCode, path, $"{what} {idOf(existing)} is named more than once in this request.");
            update(existing, patches[i], path);
        }
    }
}
