namespace Tsunagu.Conformance.Tck;

public enum TckTestCaseType
{
    Decision,
    Bkm,
    DecisionService,
}

/// <summary>One <c>*-test-*.xml</c> file: the model it runs against and its cases.</summary>
public sealed record TckTestFile
{
    public required string Path { get; init; }

    /// <summary>The model file name, relative to the test file's folder.</summary>
    public string? ModelName { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];

    public IReadOnlyList<TckTestCase> TestCases { get; init; } = [];
}

public sealed record TckTestCase
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public TckTestCaseType Type { get; init; } = TckTestCaseType.Decision;

    /// <summary>The BKM or decision service to call, for those types.</summary>
    public string? InvocableName { get; init; }

    public IReadOnlyList<TckInputNode> InputNodes { get; init; } = [];

    public IReadOnlyList<TckResultNode> ResultNodes { get; init; } = [];
}

/// <summary>An input value, by the name of an input data or parameter; <see cref="Namespace"/> names an imported model.</summary>
public sealed record TckInputNode
{
    public required string Name { get; init; }

    public string? Namespace { get; init; }

    public required TckValue Value { get; init; }
}

/// <summary>A checked result; <see cref="ErrorResult"/> means evaluation is expected to report an error for it.</summary>
public sealed record TckResultNode
{
    public required string Name { get; init; }

    public string? Namespace { get; init; }

    /// <summary>The raw <c>type</c> attribute (usually <c>decision</c>).</summary>
    public string? Type { get; init; }

    public bool ErrorResult { get; init; }

    /// <summary>The expected value; null when the file has no <c>&lt;expected&gt;</c>.</summary>
    public TckValue? Expected { get; init; }
}
