// SPDX-License-Identifier: MIT
// tb_lane_model.vh - the stimulus and digit helpers tb_lane.v and
// tb_array.v share: random keys and column operands, and the reference
// model's view of a byte (its signed digits, its value truncated to its
// first planes). Include it in the module body after tb_common.vh and after
// the parameters D, COLS and DIGIT; Verilog-2005 functions only.
//   rand_key(0)     D random bytes (a key or a value token)
//   rand_cols(0)    COLS random 9-bit operands
//   rand_op(pv)     one column operand: the 9-bit extremes now and then;
//                   pv: mostly 0..255 (exponentials), else any 9 bits
//   rand_row(pv)    COLS such operands
//   sgn9(v)         a 9-bit operand as a signed integer
//   digit_of(b, pl) digit pl of byte b, most significant first (plane 0
//                   two's complement, the others unsigned)
//   trunc_of(b, np) the signed byte with only its first np planes kept

  function [D*8-1:0] rand_key(input dummy);
    integer k;
    begin
      rand_key = {(D * 8){1'b0}};
      for (k = 0; k < D * 8; k = k + 32) rand_key = (rand_key << 32) | $unsigned($random(seed));
    end
  endfunction

  function [COLS*9-1:0] rand_cols(input dummy);
    integer k;
    begin
      rand_cols = {(COLS * 9){1'b0}};
      for (k = 0; k < COLS; k = k + 1) rand_cols = (rand_cols << 9) | ($random(seed) & 9'h1ff);
    end
  endfunction

  // One column operand: the extremes of the 9-bit range now and then;
  // P.V's exponentials mostly 0..255, Q.K^T's query elements any 9 bits.
  function [8:0] rand_op(input pv);
    begin
      case (tb_rand(16))
        0: rand_op = 9'h100;   // -256
        1: rand_op = 9'h0ff;   // 255
        2: rand_op = 9'h180;   // -128
        3: rand_op = 9'h000;
        default: rand_op = pv && !tb_one_in(4) ? tb_rand(256) : $random(seed);
      endcase
    end
  endfunction

  function [COLS*9-1:0] rand_row(input pv);
    integer k;
    begin
      rand_row = {(COLS * 9){1'b0}};
      for (k = 0; k < COLS; k = k + 1) rand_row = (rand_row << 9) | rand_op(pv);
    end
  endfunction

  function integer sgn9(input [8:0] v);
    sgn9 = v[8] ? v - 512 : v;
  endfunction

  // Digit pl of a byte, most significant first: plane 0 two's complement,
  // the other planes unsigned.
  function integer digit_of(input [7:0] b, input integer pl);
    integer u;
    begin
      u = (b >> (8 - DIGIT * (pl + 1))) % (1 << DIGIT);
      if (pl == 0 && u >= (1 << (DIGIT - 1))) u = u - (1 << DIGIT);
      digit_of = u;
    end
  endfunction

  // The signed byte with only its first np planes kept.
  function integer trunc_of(input [7:0] b, input integer np);
    integer x, sh;
    begin
      x  = b[7] ? b - 256 : b;
      sh = 8 - DIGIT * np;
      trunc_of = np == 0 ? 0 : (x >>> sh) <<< sh;
    end
  endfunction
