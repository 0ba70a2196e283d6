namespace SessionService.Tests.Faults;

/// <summary>The fault tests: one at a time, sharing the table of their outcomes.</summary>
[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<FaultTable>
{
    public const string Name = "Faults";
}
