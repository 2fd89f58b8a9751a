# SPDX-License-Identifier: MIT
# lib.sh - helpers for the job list's reports (sourced by tests/farm/collect.sh,
# tests/verify_all.sh and tests/synth.sh). LIST is a job list, DIR its
# results (LIST without .jobs).

# farm_names LIST [PREFIX]: the job names, in list order, that start with PREFIX
farm_names() { awk -F'\t' -v p="${2:-}" 'index($1, p) == 1 { print $1 }' "$1"; }

# farm_res DIR NAME: sets res_st (passed, failed or missing), res_rc,
# res_t0, res_t1, res_secs and res_host from DIR/NAME.res
farm_res() {
    res_st=missing res_rc=- res_t0=0 res_t1=0 res_secs=0 res_host=-
    [ -r "$1/$2.res" ] && read -r res_st res_rc res_t0 res_t1 res_secs res_host <"$1/$2.res"
    return 0
}

# farm_span DIR NAME...: seconds from the first job's start to the last one's end
farm_span() {
    local dir=$1 first=0 last=0 n
    shift
    for n in "$@"; do
        farm_res "$dir" "$n"
        [ "$res_st" = missing ] && continue
        { [ "$first" = 0 ] || [ "$res_t0" -lt "$first" ]; } && first=$res_t0
        [ "$res_t1" -gt "$last" ] && last=$res_t1
    done
    echo $((last - first))
}
