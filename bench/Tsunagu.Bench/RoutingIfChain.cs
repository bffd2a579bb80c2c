using Tsunagu.Rules.Feel.Values;

namespace Tsunagu.Bench;

/// <summary>
/// The routing table of routing.dmn written by hand as a plain C# if chain: the baseline the engine is measured against.
/// It reads the same dictionary of pre-built FEEL values the engine receives (FeelNumber, string, bool, FeelList) and
/// compares numbers as FeelNumber, so both sides pay for the same input representation and decimal semantics; only
/// the table interpretation differs. Each rule is tested independently, as the COLLECT hit policy requires.
/// </summary>
internal static class RoutingIfChain
{
    private static readonly FeelNumber N1 = FeelNumber.FromInt64(1);
    private static readonly FeelNumber N2 = FeelNumber.FromInt64(2);
    private static readonly FeelNumber N3 = FeelNumber.FromInt64(3);
    private static readonly FeelNumber N4 = FeelNumber.FromInt64(4);
    private static readonly FeelNumber N18 = FeelNumber.FromInt64(18);
    private static readonly FeelNumber N39 = FeelNumber.FromInt64(39);
    private static readonly FeelNumber N40 = FeelNumber.FromInt64(40);
    private static readonly FeelNumber N64 = FeelNumber.FromInt64(64);
    private static readonly FeelNumber N65 = FeelNumber.FromInt64(65);
    private static readonly FeelNumber N75 = FeelNumber.FromInt64(75);
    private static readonly FeelNumber N1500000 = FeelNumber.FromInt64(1500000);
    private static readonly FeelNumber N2500000 = FeelNumber.FromInt64(2500000);
    private static readonly FeelNumber N3000000 = FeelNumber.FromInt64(3000000);
    private static readonly FeelNumber N4000000 = FeelNumber.FromInt64(4000000);
    private static readonly FeelNumber N6000000 = FeelNumber.FromInt64(6000000);

    public static FeelList Evaluate(IReadOnlyDictionary<string, object?> inputs)
    {
        var age = (FeelNumber)inputs["age"]!;
        var household = (FeelNumber)inputs["householdSize"]!;
        var income = (FeelNumber)inputs["income"]!;
        var area = (string)inputs["area"]!;
        var disability = (string)inputs["disability"]!;
        var livesAlone = (bool)inputs["livesAlone"]!;
        var pregnant = (bool)inputs["pregnant"]!;
        var concerns = (FeelList)inputs["concerns"]!;
        var result = new List<object?>();
        if (age >= N65 && area == "Kita")
        {
            result.Add("Kita Community General Support Center");
        }

        if (age >= N65 && area == "Kita" && Has(concerns, "dementia"))
        {
            result.Add("Kita Dementia Initial-Intensive Support Team");
        }

        if (age >= N65 && area == "Minami")
        {
            result.Add("Minami Community General Support Center");
        }

        if (age >= N65 && area == "Minami" && Has(concerns, "dementia"))
        {
            result.Add("Minami Dementia Initial-Intensive Support Team");
        }

        if (age >= N65 && area == "Higashi")
        {
            result.Add("Higashi Community General Support Center");
        }

        if (age >= N65 && area == "Higashi" && Has(concerns, "dementia"))
        {
            result.Add("Higashi Dementia Initial-Intensive Support Team");
        }

        if (age >= N65 && area == "Nishi")
        {
            result.Add("Nishi Community General Support Center");
        }

        if (age >= N65 && area == "Nishi" && Has(concerns, "dementia"))
        {
            result.Add("Nishi Dementia Initial-Intensive Support Team");
        }

        if (age >= N65 && area == "Chuo")
        {
            result.Add("Chuo Community General Support Center");
        }

        if (age >= N65 && area == "Chuo" && Has(concerns, "dementia"))
        {
            result.Add("Chuo Dementia Initial-Intensive Support Team");
        }

        if (age < N18 && area == "Kita")
        {
            result.Add("Kita Child and Family Support Center");
        }

        if (age < N18 && area == "Minami")
        {
            result.Add("Minami Child and Family Support Center");
        }

        if (age < N18 && area == "Higashi")
        {
            result.Add("Higashi Child and Family Support Center");
        }

        if (age < N18 && area == "Nishi")
        {
            result.Add("Nishi Child and Family Support Center");
        }

        if (age < N18 && area == "Chuo")
        {
            result.Add("Chuo Child and Family Support Center");
        }

        if (area == "Kita" && pregnant)
        {
            result.Add("Kita Maternal and Child Health Center");
        }

        if (area == "Minami" && pregnant)
        {
            result.Add("Minami Maternal and Child Health Center");
        }

        if (area == "Higashi" && pregnant)
        {
            result.Add("Higashi Maternal and Child Health Center");
        }

        if (area == "Nishi" && pregnant)
        {
            result.Add("Nishi Maternal and Child Health Center");
        }

        if (area == "Chuo" && pregnant)
        {
            result.Add("Chuo Maternal and Child Health Center");
        }

        if (age >= N18 && age <= N64 && disability == "physical")
        {
            result.Add("Physical Disability Consultation Office");
        }

        if (age >= N18 && age <= N64 && disability == "intellectual")
        {
            result.Add("Intellectual Disability Consultation Office");
        }

        if (disability == "mental")
        {
            result.Add("Mental Health and Welfare Center");
        }

        if (age < N18 && (disability == "physical" || disability == "intellectual"))
        {
            result.Add("Child Development Support Center");
        }

        if (age >= N65 && disability != "none" && livesAlone)
        {
            result.Add("Elderly Disability Home Care Office");
        }

        if (disability == "mental" && Has(concerns, "employment"))
        {
            result.Add("Employment Support Center for Persons with Disabilities");
        }

        if (household == N1 && income < N1500000)
        {
            result.Add("Welfare Office (Public Assistance)");
        }

        if (household >= N2 && income < N2500000)
        {
            result.Add("Welfare Office (Public Assistance)");
        }

        if (income < N3000000 && Has(concerns, "debt"))
        {
            result.Add("Consumer Affairs Center");
        }

        if (income < N3000000 && Has(concerns, "housing"))
        {
            result.Add("Housing Security Benefit Desk");
        }

        if (age >= N18 && age <= N64 && income < N3000000 && Has(concerns, "employment"))
        {
            result.Add("Independence Support Consultation Desk");
        }

        if (income >= N3000000 && income <= N6000000 && Has(concerns, "debt"))
        {
            result.Add("Legal Support Center");
        }

        if (age < N18 && household >= N4 && income < N4000000)
        {
            result.Add("Child Allowance Desk");
        }

        if (age < N18 && household == N1)
        {
            result.Add("Child Guidance Center");
        }

        if (age >= N75 && livesAlone)
        {
            result.Add("Elderly Watch Network");
        }

        if (livesAlone && Has(concerns, "isolation"))
        {
            result.Add("Social Welfare Council Community Salon");
        }

        if (age >= N18 && age <= N64 && livesAlone && Has(concerns, "health"))
        {
            result.Add("Community Health Nurse Desk");
        }

        if (age < N18 && Has(concerns, "abuse"))
        {
            result.Add("Child Guidance Center");
        }

        if (age >= N65 && Has(concerns, "abuse"))
        {
            result.Add("Elderly Abuse Prevention Desk");
        }

        if (age >= N18 && age <= N64 && Has(concerns, "abuse"))
        {
            result.Add("Spousal Violence Counseling Center");
        }

        if (age >= N40 && Has(concerns, "care"))
        {
            result.Add("Long-Term Care Insurance Desk");
        }

        if (household >= N2 && Has(concerns, "childcare"))
        {
            result.Add("Childcare Support Center");
        }

        if (household >= N2 && household <= N3 && income < N3000000 && !livesAlone && Has(concerns, "childcare"))
        {
            result.Add("Single Parent Support Desk");
        }

        if (age >= N65 && Has(concerns, "health"))
        {
            result.Add("Health Promotion Division");
        }

        if (age < N65 && Has(concerns, "dementia"))
        {
            result.Add("Early-Onset Dementia Support Desk");
        }

        if (age >= N18 && age <= N39 && Has(concerns, "employment"))
        {
            result.Add("Youth Support Station");
        }

        if (income < N3000000 && pregnant)
        {
            result.Add("Maternity Assistance Desk");
        }

        if (livesAlone && pregnant)
        {
            result.Add("Specified Expectant Mother Support Desk");
        }

        if ((area == "Higashi" || area == "Nishi") && Has(concerns, "housing"))
        {
            result.Add("East-West Housing Cooperative");
        }

        result.Add("Municipal General Consultation Desk");
        return new FeelList(result);
    }

    private static bool Has(FeelList list, string value)
    {
        foreach (var item in list.Items)
        {
            if (item is string s && s == value)
            {
                return true;
            }
        }

        return false;
    }
}
