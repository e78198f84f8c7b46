using CsCheck;
using ImageUpdater.Strategies;

namespace ImageUpdater.Strategies.Tests;

public class PropertyTests
{
    private static readonly Gen<string> Identifier = Gen.OneOf(
        Gen.Int[0, 20].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.OneOf("alpha", "beta", "rc", "alpine", "Alpha", "x-1", "0a"));

    private static readonly Gen<string> VersionText = Gen.Select(
        Gen.OneOf("", "v"),
        Gen.Int[0, 4],
        Gen.Int[0, 4].Array[0, 2],
        Identifier.Array[0, 3],
        Gen.OneOf("", "+b1", "+meta.2"))
        .Select((prefix, major, rest, pre, meta) =>
            prefix + major + string.Concat(rest.Select(r => "." + r)) + (pre.Length == 0 ? string.Empty : "-" + string.Join('.', pre)) + meta);

    private static readonly Gen<string> Tag = Gen.Frequency(
        (8, VersionText),
        (1, Gen.OneOf("latest", "main", "1.2.3.4", "sha-abc", "1.2.3-01")));

    private static readonly Gen<string> Condition = Gen.Select(
        Gen.OneOf("", "=", "!=", ">", "<", ">=", "<=", "~", "^"),
        Gen.OneOf("0", "1", "2", "1.2", "1.x", "2.*", "*", "1.2.3", "0.3", "3.1.4", "1.2.3-0", "2.x-0", "0.0.1"))
        .Select((op, v) => op + v);

    private static readonly Gen<string> ConstraintText = Condition.Array[1, 3]
        .Select(c => string.Join(", ", c)).Array[1, 2].Select(g => string.Join(" || ", g));

    [Fact]
    public void Ordering_is_a_total_order_consistent_with_equality()
    {
        Gen.Select(VersionText, VersionText, VersionText).Sample((a, b, c) =>
        {
            var x = SemverVersion.Parse(a);
            var y = SemverVersion.Parse(b);
            var z = SemverVersion.Parse(c);
            var xy = Math.Sign(x.CompareTo(y));
            if (xy != -Math.Sign(y.CompareTo(x)))
            {
                return false;
            }

            if (x.CompareTo(y) <= 0 && y.CompareTo(z) <= 0 && x.CompareTo(z) > 0)
            {
                return false;
            }

            if ((xy == 0) != x.Equals(y) || (xy == 0 && x.GetHashCode() != y.GetHashCode()))
            {
                return false;
            }

            var sxy = Math.Sign(SemverStrategy.Compare(x, y));
            return sxy == -Math.Sign(SemverStrategy.Compare(y, x)) && (sxy != 0 || a == b)
                && !(SemverStrategy.Compare(x, y) <= 0 && SemverStrategy.Compare(y, z) <= 0 && SemverStrategy.Compare(x, z) > 0);
        }, iter: 20_000);
    }

    [Fact]
    public void The_selected_tag_satisfies_the_constraint_and_filters_and_is_the_maximum()
    {
        var strategy = new SemverStrategy();
        Gen.Select(Tag.Array[0, 30], ConstraintText, Gen.OneOf("", "regexp:^v", "regexp:alpha|rc", "any"), Gen.OneOf("", "*-rc*", "1.*"))
            .Sample((tags, constraintText, allow, ignore) =>
            {
                var settings = new ImageUpdateSettings { Constraint = constraintText, AllowTags = allow, IgnoreTags = ignore.Length == 0 ? [] : [ignore] };
                var filter = TagFilter.Create(allow, settings.IgnoreTags);
                var candidates = tags.Where(filter.IsAllowed).Select(t => new TagInfo(t)).ToList();
                var constraint = SemverConstraint.Parse(constraintText);
                var selection = strategy.Select(candidates, settings);
                var eligible = candidates
                    .Where(t => SemverVersion.TryParse(t.Name, out var v) && constraint.IsSatisfiedBy(v))
                    .ToList();
                if (selection.Tag is null)
                {
                    return eligible.Count == 0 && !selection.IsError;
                }

                var chosen = SemverVersion.Parse(selection.Tag.Name);
                return filter.IsAllowed(selection.Tag.Name)
                    && constraint.IsSatisfiedBy(chosen)
                    && eligible.All(t => SemverStrategy.Compare(SemverVersion.Parse(t.Name), chosen) <= 0);
            }, iter: 3_000);
    }

    [Fact]
    public void Parsing_never_throws_and_round_trips_the_original()
    {
        Gen.String.Sample(s => !SemverVersion.TryParse(s, out var v) || v.Original == s, iter: 20_000);
        Gen.String.Sample(s =>
        {
            _ = SemverConstraint.TryParse(s, out _, out _);
            _ = Re2Regex.TryCreate(s, out _, out _);
            return true;
        }, iter: 500);
    }
}
