namespace Tsunagu.Engine.Tests;

/// <summary>Small inline BPMN documents for tests.</summary>
internal static class Models
{
    public const string Header =
        """<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:tsunagu="https://tsunagu.dev/schema/bpmn" id="defs" targetNamespace="urn:test">""";

    /// <summary>A document with <paramref name="roots"/> at the root and one executable process <c>p</c> holding <paramref name="body"/>.</summary>
    public static string Process(string body, string roots = "") =>
        $"""{Header}{roots}<process id="p" isExecutable="true">{body}</process></definitions>""";

    /// <summary>start → <paramref name="middle"/> (ids "a" in, "z" out) → end, with the flows.</summary>
    public static string Around(string middle, string roots = "") =>
        Process(
            $"""
            <startEvent id="start"/>{middle}<endEvent id="end"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="a"/><sequenceFlow id="f9" sourceRef="z" targetRef="end"/>
            """,
            roots);

    /// <summary>A formal expression element, as executable models need them.</summary>
    public static string Expr(string name, string text) => $"""<{name} xsi:type="tFormalExpression">{text}</{name}>""";
}
