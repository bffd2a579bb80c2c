namespace Tsunagu.Rules.Dmn.Model;

/// <summary>The DMN specification version a document was written against, taken from its model namespace.</summary>
public enum DmnVersion
{
    Dmn11,
    Dmn12,
    Dmn13,
    Dmn14,
    Dmn15,
}
