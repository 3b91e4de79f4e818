namespace Suanwang.Storage.Tests;

/// <summary>Where a contract suite's tests keep their databases: one database of its own per test.</summary>
public interface IStoreDatabases
{
    /// <summary>A store, not yet migrated, over the database of <paramref name="test"/>: empty on the first call, the same database on later ones.</summary>
    Task<IStore> OpenAsync(object test);

    /// <summary>Runs SQL on the database of <paramref name="test"/> behind the store's back: how a test tampers with it.</summary>
    Task ExecuteSqlAsync(object test, string sql);
}
