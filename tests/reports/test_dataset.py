def test_the_fixed_data_set_has_the_hand_worked_dates(council):
    assert council.C4.extended
    assert council.C8.status == "awaiting_clarification"
