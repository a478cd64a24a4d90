package org.descent.driver.tune;

import org.descent.driver.UserInputException;
import org.descent.driver.train.TrainingSettings;
import org.descent.optim.Adam;
import org.descent.optim.Momentum;
import org.descent.optim.Nesterov;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --search}: its spelling, its draws and grids, its refusals (each names the key). */
class SearchSpaceTest {

    static final Supplier<TrainingSettings> LOGISTIC = () -> new TrainingSettings().set(TrainingSettings.MODEL, "logistic");

    static String refusal(String search) {
        return assertThrows(UserInputException.class, () -> SearchSpace.parse(search)).getMessage();
    }

    @Test
    void theContractSpellingParsesIntoOneDimensionPerSetting() {
        SearchSpace space = SearchSpace.parse("lr=logu:1e-4:1,reg-l2=logu:1e-6:1e-1,optimizer=adam|nesterov");
        assertEquals(List.of("lr", "reg-l2", "optimizer"), space.keys());
        SearchDomain.Range lr = assertInstanceOf(SearchDomain.Range.class, space.dimensions().get(0).domain());
        assertTrue(lr.logarithmic());
        assertEquals(1e-4, lr.lo());
        assertEquals(1, lr.hi());
        assertEquals(List.of("adam", "nesterov"), space.dimensions().get(2).domain().choices());
    }

    @Test
    void aCommaStartsANewSettingOnlyBeforeKeyEquals_soLayerWidthsKeepTheirs() {
        SearchSpace space = SearchSpace.parse("layers=64|128,64, lr=0.1");
        assertEquals(List.of("64", "128,64"), space.dimensions().get(0).domain().choices());
        assertEquals(List.of("0.1"), space.dimensions().get(1).domain().choices(), "a single value is fixed");
    }

    @Test
    void drawsAreReproducibleBySeedInsideTheirRangesAndRoundedToThreeDigits() {
        SearchSpace space = SearchSpace.parse("lr=logu:1e-4:1,momentum=u:0.5:0.99,warmup=u:0:10,step-every=logu:1:100");
        List<Map<String, String>> a = space.sample(200, 7);
        assertEquals(a, space.sample(200, 7));
        assertNotEquals(a, space.sample(200, 8));
        int belowMilli = 0;
        for (Map<String, String> t : a) {
            double lr = Double.parseDouble(t.get("lr"));
            assertTrue(lr >= 1e-4 && lr <= 1, t.toString());
            assertEquals(lr, Double.parseDouble(SearchDomain.Range.rounded(lr)), 0.0, "already 3 digits: " + t);
            belowMilli += lr < 1e-2 ? 1 : 0;
            double m = Double.parseDouble(t.get("momentum"));
            assertTrue(m >= 0.5 && m <= 0.99, t.toString());
            int warmup = Integer.parseInt(t.get("warmup"));
            assertTrue(warmup >= 0 && warmup <= 10, "a count draws whole numbers, both ends included: " + t);
            int step = Integer.parseInt(t.get("step-every"));
            assertTrue(step >= 1 && step <= 100, t.toString());
        }
        // Log-uniform over four decades: about half the draws fall in the lower two.
        assertTrue(belowMilli > 70 && belowMilli < 130, "draws below 1e-2: " + belowMilli);
    }

    @Test
    void aChoiceDrawsEachValueAboutEquallyOften() {
        List<Map<String, String>> draws = SearchSpace.parse("layers=16|32,16|64").sample(300, 42);
        for (String layers : List.of("16", "32,16", "64")) {
            long n = draws.stream().filter(d -> d.get("layers").equals(layers)).count();
            assertTrue(n > 70 && n < 130, layers + " drawn " + n + " times of 300");
        }
    }

    @Test
    void roundedValuesReadAsAPersonWritesThem() {
        assertEquals("0.00316", SearchDomain.Range.rounded(0.0031622776601683794));
        assertEquals("2.32e-6", SearchDomain.Range.rounded(2.3174e-6));
        assertEquals("150", SearchDomain.Range.rounded(150.2));
        assertEquals("1e-4", SearchDomain.Range.rounded(1e-4));
    }

    @Test
    void aGridIsEveryCombinationTheLastSettingFastest() {
        SearchSpace space = SearchSpace.parse("optimizer=adam|sgd,lr=0.1|0.01");
        assertEquals(List.of(Map.of("optimizer", "adam", "lr", "0.1"), Map.of("optimizer", "adam", "lr", "0.01"),
                Map.of("optimizer", "sgd", "lr", "0.1"), Map.of("optimizer", "sgd", "lr", "0.01")), space.grid());
    }

    @Test
    void aGridRefusesARangeNamingTheKey() {
        String m = assertThrows(UserInputException.class, () -> SearchSpace.parse("optimizer=adam|sgd,lr=logu:1e-3:1")
                .grid()).getMessage();
        assertEquals("search: lr: 'logu:1e-3:1' is a range; --grid takes choices a|b|c only (or leave out --grid to "
                + "sample the range)", m);
    }

    @Test
    void aSettingOfSomeOptimizersGoesOnlyToTheTrialsWhoseOptimizerTakesIt() {
        SearchSpace space = SearchSpace.parse("optimizer=adam|nesterov,momentum=u:0.5:0.9");
        List<Trial> trials = space.trials(space.sample(20, 3), LOGISTIC);
        boolean sawAdam = false;
        boolean sawNesterov = false;
        for (Trial t : trials) {
            if (t.values().get("optimizer").equals("adam")) {
                sawAdam = true;
                assertFalse(t.values().containsKey("momentum"), t.toString());
                assertInstanceOf(Adam.class, t.config().optimizer());
            } else {
                sawNesterov = true;
                Nesterov n = assertInstanceOf(Nesterov.class, t.config().optimizer());
                assertEquals(Double.parseDouble(t.values().get("momentum")), n.momentum());
            }
        }
        assertTrue(sawAdam && sawNesterov);
    }

    @Test
    void aGivenSettingOfOneOptimizerIsKeptForItAndLeftOutForTheOthers() {
        SearchSpace space = SearchSpace.parse("optimizer=momentum|sgd");
        List<Trial> trials = space.trials(space.grid(), () -> LOGISTIC.get().set(Momentum.MOMENTUM.key(), 0.5));
        assertEquals(0.5, assertInstanceOf(Momentum.class, trials.get(0).config().optimizer()).momentum());
        assertEquals("sgd", trials.get(1).config().optimizer().getClass().getSimpleName().toLowerCase());
        assertEquals(java.util.Set.of(), trials.get(0).leftOut());
        assertEquals(java.util.Set.of("momentum"), trials.get(1).leftOut(), "best/train.conf leaves it out too");
    }

    @Test
    void refusalsNameTheKeyAndWhatIsAllowed() {
        assertTrue(refusal("").startsWith("search: give at least one KEY=VALUES"));
        assertEquals("search: 'lr' is not KEY=VALUES (KEY a training setting, VALUES logu:LO:HI, u:LO:HI, a|b|c or "
                + "one value)", refusal("lr"));
        assertTrue(refusal("learning-rate=0.1").startsWith("search: learning-rate: not a training setting; searchable: "),
                refusal("learning-rate=0.1"));
        assertTrue(refusal("learning-rate=0.1").contains("reg-l2"));
        assertEquals("search: model: not searched, a search fits one model family; give it as --model",
                refusal("model=linear|logistic"));
        assertEquals("search: max-iter: not searched, it is the search's budget; give it as --max-iter",
                refusal("max-iter=10|20"));
        assertTrue(refusal("seed=1|2").startsWith("search: seed: not searched"));
        assertEquals("search: lr: given twice", refusal("lr=0.1,lr=0.2"));
        assertEquals("search: lr: logu:LO:HI needs 0 < LO < HI, got 'logu:0:1'", refusal("lr=logu:0:1"));
        assertEquals("search: lr: u:LO:HI needs LO < HI, got 'u:1:0.5'", refusal("lr=u:1:0.5"));
        assertEquals("search: lr: 'logu:a:1' is not logu:LO:HI with numbers LO and HI", refusal("lr=logu:a:1"));
        assertEquals("search: lr: 'u:1' is not u:LO:HI with numbers LO and HI", refusal("lr=u:1"));
        assertEquals("search: optimizer: takes names, not a range; give a choice such as a|b", refusal("optimizer=u:0:1"));
        assertEquals("search: warmup: counts whole iterations or units; u:LO:HI needs whole numbers, got 'u:0.5:3'",
                refusal("warmup=u:0.5:3"));
        assertEquals("search: lr: 'fast' is not a number", refusal("lr=0.1|fast"));
        assertEquals("search: warmup: '2.5' is not a whole number", refusal("warmup=2.5"));
        assertEquals("search: standardize: 'yes' is not true or false", refusal("standardize=yes"));
        assertEquals("search: optimizer: an empty value in 'adam||sgd'; give a|b|c, one value, logu:LO:HI or u:LO:HI",
                refusal("optimizer=adam||sgd"));
        assertEquals("search: lr: a value is listed twice in '0.1|0.1'", refusal("lr=0.1|0.1"));
    }

    @Test
    void aSettingNoOptimizerOfTheSearchTakesIsRefused() {
        SearchSpace space = SearchSpace.parse("optimizer=adam|sgd,momentum=u:0.5:0.9");
        String m = assertThrows(UserInputException.class, () -> space.trials(space.sample(4, 1), LOGISTIC)).getMessage();
        assertEquals("search: momentum: a setting of momentum, nesterov; no optimizer or schedule of this search "
                + "(adam, sgd, constant) takes it", m);
    }

    @Test
    void aValueTheTrainingSettingsRefuseIsRefusedNamingTheKeyAndTheTrial() {
        SearchSpace bad = SearchSpace.parse("optimizer=adam|rprop");
        String m = assertThrows(UserInputException.class, () -> bad.trials(bad.grid(), LOGISTIC)).getMessage();
        assertTrue(m.startsWith("search: optimizer: unknown value 'rprop'"), m);
        assertTrue(m.endsWith("(trial 2: optimizer=rprop)"), m);
    }

    @Test
    void aRangeIsCheckedAtBothEndsNotOnlyWhereTheDrawsFell() {
        SearchSpace space = SearchSpace.parse("optimizer=momentum,momentum=u:0.5:1.5");
        // One draw below 1: that trial alone would pass; the end 1.5 is out of momentum's range.
        String m = assertThrows(UserInputException.class, () -> space.trials(List.of(Map.of("optimizer", "momentum",
                "momentum", "0.6")), LOGISTIC)).getMessage();
        assertTrue(m.startsWith("search: momentum must be in [0, 1), got 1.5"), m);
    }

    @Test
    void aNetworksSettingForAnotherFamilyIsRefusedAsTrainRefusesIt() {
        SearchSpace space = SearchSpace.parse("layers=64|32,16");
        String m = assertThrows(UserInputException.class, () -> space.trials(space.grid(), LOGISTIC)).getMessage();
        assertTrue(m.startsWith("search: layers: a setting of model mlp, not logistic"), m);
        List<Trial> mlp = space.trials(space.grid(), () -> new TrainingSettings().set(TrainingSettings.MODEL, "mlp"));
        assertEquals(List.of(32, 16), mlp.get(1).config().network().hiddenWidths());
    }
}
